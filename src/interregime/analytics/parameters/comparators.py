"""Comparator idioms of the lists ("equal to or less (better) than", "or more", "from … to …"),
read from ``comparators.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from interregime.domain.parameters import Comparator

_DATA = Path(__file__).with_name("comparators.toml")
_GLUED_FIRST_WORDS = frozenset({"greater", "less", "more", "exceeding", "higher", "lower", "smaller", "larger"})
_ASIDE = r"(?:\s*\((?:better|worse|less|more|lower|higher|greater|smaller|larger|faster|slower)\))?"


@dataclass(frozen=True, slots=True)
class Idioms:
    before: re.Pattern[str]
    before_end: re.Pattern[str]
    before_end_glued: re.Pattern[str]
    after: re.Pattern[str]
    range_opening: re.Pattern[str]
    range_joining: re.Pattern[str]
    before_map: dict[str, Comparator]
    after_map: dict[str, Comparator]
    capability: re.Pattern[str]
    capability_comparator: Comparator
    end_use: re.Pattern[str]
    better_means_higher: dict[str, frozenset[str]]


def _phrase_pattern(phrase: str, glued: bool = False) -> str:
    """``phrase`` between word boundaries; as in text extracted from PDF, its words may be glued together
    ("equal to orgreater than"). ``glued``: a comparative glued to the word before it ("ofgreater than")."""
    words = phrase.split()
    parts = []
    for position, word in enumerate(words):
        pattern = re.escape(word)
        if word[0].isalnum() and position == 0:
            pattern = (r"(?<=[a-z])" if glued and word in _GLUED_FIRST_WORDS else r"\b") + pattern
        if word[-1].isalnum() and position == len(words) - 1:
            pattern += r"\b"
        parts.append(pattern)
    return r"\s*".join(part + _ASIDE for part in parts)


def _key(text: str) -> str:
    without_asides = re.sub(r"\s*\([a-z]+\)", "", text.lower())
    return "".join(without_asides.split())


def _alternation(phrases: list[str], glued: bool = False) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(_phrase_pattern(phrase, glued) for phrase in ordered)


def _capability(openings: list[str]) -> re.Pattern[str]:
    """An opening, up to five words that are no preposition and a closing "of", right before a number
    (the end of the searched text): "capable of a 'range' of"."""
    word = (r"(?!(?:at|in|on|to|from|with|over|for|by|under|during|while|between|within|below|above|"
            r"down|up|per|and|or|than)\b)[\"'‘’“”]?[A-Za-z][A-Za-z\-]*[\"'‘’“”]?")
    return re.compile(rf"(?:{_alternation(openings)})\s+(?:{word}\s+){{1,5}}?of\s+$", re.IGNORECASE)


@cache
def idioms() -> Idioms:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    before = {phrase: Comparator(symbol) for phrase, symbol in data["before"].items()}
    after = {phrase: Comparator(symbol) for phrase, symbol in data["after"].items()}
    opening = _alternation(data["range"]["opening"])
    joining = "|".join(
        rf"\b{re.escape(word)}\b" if word[0].isalnum() else re.escape(word)
        for word in sorted(data["range"]["joining"], key=len, reverse=True)
    )
    return Idioms(
        before=re.compile(rf"(?:{_alternation(list(before))})", re.IGNORECASE),
        before_end=re.compile(rf"(?:{_alternation(list(before))})$", re.IGNORECASE),
        before_end_glued=re.compile(rf"(?:{_alternation(list(before), glued=True)})$", re.IGNORECASE),
        after=re.compile(
            rf"\s*,?\s*(?:by\s+(?:weight|volume|mass)\s+)?(?:{_alternation(list(after))})", re.IGNORECASE
        ),
        range_opening=re.compile(rf"(?:{opening})\s*$", re.IGNORECASE),
        range_joining=re.compile(rf"\s*(?:{joining})\s*", re.IGNORECASE),
        before_map={_key(phrase): comparator for phrase, comparator in before.items()},
        after_map={_key(phrase): comparator for phrase, comparator in after.items()},
        capability=_capability(data["capability"]["opening"]),
        capability_comparator=Comparator(data["capability"]["comparator"]),
        end_use=re.compile(_alternation(data["capability"]["end_use"]), re.IGNORECASE),
        better_means_higher={name: frozenset(units) for name, units in data["better_means_higher"].items()},
    )


_HIGHER: dict[Comparator, Comparator] = {Comparator.LT: Comparator.GT, Comparator.LE: Comparator.GE}


def better_comparator(comparator: Comparator, phrase: str, characteristic: str, unit: str) -> Comparator:
    """"Better than" is read as "less than" (accuracies, resolutions, stabilities); for the characteristics
    and units of ``[better_means_higher]`` ("a purity better than 99,999 %") it is "more than"."""
    units = idioms().better_means_higher.get(characteristic)
    if units is None or unit not in units or "better" not in phrase.lower():
        return comparator
    return _HIGHER.get(comparator, comparator)


def comparator_before(phrase: str) -> Comparator:
    return idioms().before_map[_key(phrase)]


def comparator_after(phrase: str) -> Comparator:
    return idioms().after_map[_key(re.sub(r"^by\s+(?:weight|volume|mass)\s+", "", phrase.strip(" ,").lower()))]


CANONICAL_PHRASES: dict[Comparator, str] = {
    Comparator.LT: "less than",
    Comparator.LE: "equal to or less than",
    Comparator.GT: "exceeding",
    Comparator.GE: "equal to or greater than",
    Comparator.EQ: "equal to",
}
