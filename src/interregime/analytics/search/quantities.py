"""Number-and-unit awareness: the quantities a query states ("0.8 micron", "TPP 4800"), the
thresholds of each item line, and a check of one against the other. Uses
``interregime.analytics.parameters`` when it is importable; without it, search ignores numbers."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from interregime.analytics.search.normalise import STOP_WORDS, terms, words

try:
    from interregime.analytics.parameters.extract import extract_parameters
    from interregime.analytics.parameters.numbers import decimal_comma_for, find_numbers, value_of
    from interregime.analytics.parameters.units import match_unit, parse_unit, to_si
    from interregime.domain.parameters import Comparator, Parameter

    PARAMETERS_AVAILABLE = True
except ImportError:  # pragma: no cover - the parameters package is developed in parallel
    PARAMETERS_AVAILABLE = False

_CONTEXT_WORDS = 4
_RELATIVE_TOLERANCE = 1e-9


@dataclass(frozen=True, slots=True)
class QueryQuantity:
    """A number of the query, in SI base units when it has a unit; ``context`` holds the stemmed
    words just before it (what it measures, as the user put it)."""

    text: str
    si_value: float
    si_unit: str
    context: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Threshold:
    """One threshold of an item line, flattened for the on-disk index."""

    characteristic: str
    comparator: str
    si_value: float | None
    si_low: float | None
    si_high: float | None
    si_unit: str
    source_text: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> Threshold:
        return cls(**record)


@dataclass(frozen=True, slots=True)
class Verdict:
    characteristic: str
    threshold: str
    query_value: str
    met: bool


def query_quantities(query: str) -> list[QueryQuantity]:
    if not PARAMETERS_AVAILABLE:
        return []
    quantities: list[QueryQuantity] = []
    for match in find_numbers(query):
        try:
            value = value_of(match, decimal_comma=False)
        except ValueError:
            continue
        before = [stem for stem in terms(query[: match.start()])][-_CONTEXT_WORDS:]
        unit = match_unit(query, match.end())
        si_value, si_unit = value, ""
        if unit is not None:
            try:
                si_value, si_unit = to_si(value, parse_unit(unit[1]))
            except ValueError:
                unit = None
        text = query[match.start(): unit[0] if unit else match.end()].strip()
        if unit is None and not before:
            continue
        quantities.append(QueryQuantity(text, si_value, si_unit, tuple(before)))
    return quantities


def _threshold(parameter: Parameter) -> Threshold:
    return Threshold(parameter.characteristic, parameter.comparator.value, parameter.si_value, parameter.si_low,
                     parameter.si_high, parameter.si_unit, parameter.source_text)


def item_thresholds(text: str, list_id: str) -> list[Threshold]:
    if not PARAMETERS_AVAILABLE or not any(char.isdigit() for char in text):
        return []
    try:
        parameters = extract_parameters(text, decimal_comma_for(list_id))
    except ValueError:
        return []
    return [_threshold(p) for p in parameters if p.si_value is not None or p.si_low is not None]


def _initials(characteristic: str) -> str:
    return "".join(word[0] for word in words(characteristic) if word not in STOP_WORDS)


def concerns(threshold: Threshold, quantity: QueryQuantity) -> bool:
    """Whether ``quantity`` measures what ``threshold`` limits: same physical dimension, or for
    counts and ratios a characteristic named (or abbreviated) just before the number."""
    if quantity.si_unit or threshold.si_unit:
        return quantity.si_unit == threshold.si_unit
    named = set(terms(threshold.characteristic))
    return bool(named & set(quantity.context)) or _initials(threshold.characteristic) in quantity.context


def _close(first: float, second: float) -> bool:
    return math.isclose(first, second, rel_tol=_RELATIVE_TOLERANCE)


def satisfies(threshold: Threshold, value: float) -> bool | None:
    """Whether ``value`` falls in the controlled range of ``threshold`` (None when it cannot tell)."""
    comparator = threshold.comparator
    if comparator == Comparator.RANGE.value:
        if threshold.si_low is None or threshold.si_high is None:
            return None
        return threshold.si_low <= value <= threshold.si_high
    limit = threshold.si_value
    if limit is None:
        return None
    checks = {
        Comparator.LT.value: value < limit and not _close(value, limit),
        Comparator.LE.value: value <= limit or _close(value, limit),
        Comparator.GT.value: value > limit and not _close(value, limit),
        Comparator.GE.value: value >= limit or _close(value, limit),
        Comparator.EQ.value: _close(value, limit),
    }
    return checks.get(comparator)


def check(thresholds: list[Threshold], quantities: list[QueryQuantity]) -> list[Verdict]:
    """A verdict for every pair of an item threshold and a query quantity that measure the same thing."""
    verdicts: list[Verdict] = []
    for threshold in thresholds:
        for quantity in quantities:
            if not concerns(threshold, quantity):
                continue
            met = satisfies(threshold, quantity.si_value)
            if met is None:
                continue
            verdicts.append(Verdict(threshold.characteristic, threshold.source_text, quantity.text, met))
    return verdicts
