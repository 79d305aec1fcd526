"""How a national entry departs from the regime entry it implements: items and words added or
missing, and thresholds that differ."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from interregime.analytics.overlaps.text import STOPWORDS, strip_codes
from interregime.domain.codes import split_code, to_eu_style
from interregime.domain.corpus import Entry, Item
from interregime.domain.parameters import Parameter

try:  # thresholds are optional: without the parameter analytics only text is compared
    from interregime.analytics.parameters.compare import ParameterComparison, Relation, compare_parameters, relation
    from interregime.analytics.parameters.extract import extract_parameters
    from interregime.analytics.parameters.numbers import decimal_comma_for
except ImportError:  # pragma: no cover - depends on the installed analytics
    compare_parameters = None  # type: ignore[assignment]

_WORD = re.compile(r"[a-z]{2,}|\d+(?:[.,]\d+)?")
# US and EU spellings of the same words, so that spelling is not reported as a deviation.
_SPELLING = {"aluminum": "aluminium", "fiber": "fibre", "fibers": "fibres", "center": "centre",
             "meter": "metre", "meters": "metres", "color": "colour", "gray": "grey", "sulfur": "sulphur",
             "analog": "analogue", "program": "programme", "cesium": "caesium"}
WORD_EXAMPLES = 8
MIN_WORD_DEVIATION = 3


@dataclass(frozen=True)
class Deviation:
    kind: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "detail": self.detail}


def _normal_word(word: str) -> str:
    word = _SPELLING.get(word, word)
    word = re.sub(r"iz(e|es|ed|ing|ation|ations)$", r"is\1", word)
    return re.sub(r"yz(e|es|ed|ing)$", r"ys\1", word).replace(",", ".")


def words(text: str) -> Counter[str]:
    # Hyphens split words, so that "peste-des-petits-ruminants" and "peste des petits ruminants" agree.
    cleaned = strip_codes(text).lower().replace("“", " ").replace("”", " ").replace("’", "'").replace("-", " ")
    return Counter(_normal_word(w) for w in _WORD.findall(cleaned) if w not in STOPWORDS)


def _labels(item: Item) -> str:
    return ".".join(split_code(to_eu_style(item.code))[1])


def aligned_items(national: Entry, regime: Entry) -> tuple[list[tuple[Item, Item]], list[str], list[str]]:
    """Items paired by their sub-paragraph labels; labels only on the national or only on the regime side."""
    theirs = {_labels(item): item for item in regime.items}
    ours = {_labels(item): item for item in national.items}
    pairs = [(ours[label], theirs[label]) for label in ours if label in theirs]
    return pairs, [label for label in ours if label not in theirs], [label for label in theirs if label not in ours]


def _examples(counter: Counter[str]) -> str:
    return ", ".join(word for word, _ in counter.most_common(WORD_EXAMPLES))


def word_deviations(national_text: str, regime_text: str, where: str) -> list[Deviation]:
    ours, theirs = words(national_text), words(regime_text)
    added, missing = ours - theirs, theirs - ours
    found: list[Deviation] = []
    if sum(added.values()) >= MIN_WORD_DEVIATION:
        found.append(Deviation("text added", f"{where}: {sum(added.values())} words ({_examples(added)})"))
    if sum(missing.values()) >= MIN_WORD_DEVIATION:
        found.append(Deviation("text missing", f"{where}: {sum(missing.values())} words ({_examples(missing)})"))
    return found


def _parameters(items: Iterable[Item], decimal_comma: bool) -> list[tuple[str, Parameter]]:
    return [(item.code, parameter) for item in items if any(ch.isdigit() for ch in item.text)
            for parameter in extract_parameters(item.text, decimal_comma)]


def _by_characteristic(parameters: list[tuple[str, Parameter]]) -> dict[tuple[str, str], list[Parameter]]:
    grouped: dict[tuple[str, str], list[Parameter]] = {}
    for _, parameter in parameters:
        grouped.setdefault((parameter.characteristic, parameter.si_unit), []).append(parameter)
    return grouped


def threshold_deviations(pairs: list[tuple[Item, Item]], national_list: str, regime_list: str) -> list[Deviation]:
    """Thresholds of aligned items that differ: the n-th threshold on a characteristic (same name, same
    base unit) against the other side's n-th, so that an item stating two values is not cross-compared."""
    if compare_parameters is None:
        return []
    ours_comma, theirs_comma = decimal_comma_for(national_list), decimal_comma_for(regime_list)
    found: list[Deviation] = []
    for ours, theirs in pairs:
        mine = _by_characteristic(_parameters([ours], ours_comma))
        other = _by_characteristic(_parameters([theirs], theirs_comma))
        for key in [key for key in mine if key in other]:
            if not key[0] or len(mine[key]) != len(other[key]):
                continue
            for first, second in zip(mine[key], other[key], strict=True):
                kind = relation(first, second)
                if kind != Relation.SAME and bool(first.unit) == bool(second.unit):
                    comparison = ParameterComparison(ours.code, theirs.code, key[0], first, second, kind)
                    found.append(Deviation("threshold differs", comparison.describe()))
    return found


def compare_entries(national: Entry, regime: Entry, national_list: str, regime_list: str) -> list[Deviation]:
    pairs, only_ours, only_theirs = aligned_items(national, regime)
    found: list[Deviation] = []
    if only_ours:
        found.append(Deviation("items added", ", ".join(only_ours[:12])))
    if only_theirs:
        found.append(Deviation("items missing", ", ".join(only_theirs[:12])))
    national_text = " ".join(ours.text for ours, _ in pairs) if pairs else " ".join(i.text for i in national.items)
    regime_text = " ".join(theirs.text for _, theirs in pairs) if pairs else " ".join(i.text for i in regime.items)
    found.extend(word_deviations(national_text, regime_text, "matching items" if pairs else "whole entry"))
    found.extend(threshold_deviations(pairs, national_list, regime_list))
    return found
