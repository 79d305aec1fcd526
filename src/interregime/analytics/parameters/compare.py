"""Compare the thresholds of two items: which characteristics they share and how their controlled
ranges relate.

Each threshold is the set of values it controls (``<= 0.9 µm`` is (-inf, 0.9 µm]). For two
thresholds on one characteristic the relation of the first to the second is ``same`` (equal sets),
``stricter`` (the first controls a strict subset: a harder threshold to reach), ``looser`` (a strict
superset), ``overlapping`` (they share values, neither contains the other) or ``disjoint``."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from interregime.analytics.parameters.logic import entry_logic
from interregime.analytics.parameters.spec import characteristic_name, name_score, normalise_key
from interregime.analytics.parameters.units import parse_unit, same_dimension
from interregime.domain.corpus import Entry
from interregime.domain.parameters import Comparator, Parameter


class Relation(StrEnum):
    SAME = "same"
    STRICTER = "stricter"
    LOOSER = "looser"
    OVERLAPPING = "overlapping"
    DISJOINT = "disjoint"


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    low_closed: bool
    high: float
    high_closed: bool

    def contains(self, other: Interval) -> bool:
        low_ok = self.low < other.low or (self.low == other.low and (self.low_closed or not other.low_closed))
        high_ok = self.high > other.high or (
            self.high == other.high and (self.high_closed or not other.high_closed)
        )
        return low_ok and high_ok

    def meets(self, other: Interval) -> bool:
        if self.high < other.low or other.high < self.low:
            return False
        if self.high == other.low:
            return self.high_closed and other.low_closed
        if other.high == self.low:
            return other.high_closed and self.low_closed
        return True


@dataclass(frozen=True, slots=True)
class ParameterComparison:
    first_item: str
    second_item: str
    characteristic: str
    first: Parameter
    second: Parameter
    relation: Relation

    def describe(self) -> str:
        return (f"{self.first_item} {self.first.characteristic} {_threshold(self.first)} is {self.relation.value} "
                f"than/as {self.second_item} {_threshold(self.second)}")


def _threshold(parameter: Parameter) -> str:
    if parameter.comparator == Comparator.RANGE:
        return f"{parameter.low:g}–{parameter.high:g} {parameter.unit}".strip()
    return f"{parameter.comparator.value} {parameter.value:g} {parameter.unit}".strip()


def interval(parameter: Parameter) -> Interval:
    """The controlled values of ``parameter`` in base units."""
    infinity = math.inf
    if parameter.comparator == Comparator.RANGE:
        low = parameter.si_low if parameter.si_low is not None else -infinity
        high = parameter.si_high if parameter.si_high is not None else infinity
        return Interval(low, parameter.low_inclusive, high, parameter.high_inclusive)
    value = parameter.si_value if parameter.si_value is not None else 0.0
    return {
        Comparator.LT: Interval(-infinity, False, value, False),
        Comparator.LE: Interval(-infinity, False, value, True),
        Comparator.GT: Interval(value, False, infinity, False),
        Comparator.GE: Interval(value, True, infinity, False),
        Comparator.EQ: Interval(value, True, value, True),
    }[parameter.comparator]


def relation(first: Parameter, second: Parameter) -> Relation:
    a, b = interval(first), interval(second)
    if a == b:
        return Relation.SAME
    if b.contains(a):
        return Relation.STRICTER
    if a.contains(b):
        return Relation.LOOSER
    return Relation.OVERLAPPING if a.meets(b) else Relation.DISJOINT


def same_characteristic(first: Parameter, second: Parameter) -> bool:
    """Same dimension, and one name: equal, or equal by ``[same_characteristic]`` of ``synonyms.toml``
    ("bias stability" and "drift rate stability"), or matching as a spec key matches (``name_score``)."""
    if not same_dimension(parse_unit(first.unit), parse_unit(second.unit)):
        return False
    a, b = normalise_key(first.characteristic), normalise_key(second.characteristic)
    if not (a and b):
        return False
    return characteristic_name(a) == characteristic_name(b) or name_score(a, b) > 0 or name_score(b, a) > 0


def compare_parameters(
    first: Iterable[tuple[str, Parameter]], second: Iterable[tuple[str, Parameter]]
) -> list[ParameterComparison]:
    """Every pair of thresholds, one from each side (given with their item codes), on the same
    characteristic and dimension."""
    second_list = list(second)
    comparisons: list[ParameterComparison] = []
    for first_item, a in first:
        for second_item, b in second_list:
            if same_characteristic(a, b):
                comparisons.append(ParameterComparison(first_item, second_item, a.characteristic, a, b, relation(a, b)))
    return comparisons


def _flatten(parameters: Sequence[Parameter]) -> list[Parameter]:
    flat: list[Parameter] = []
    for parameter in parameters:
        flat.append(parameter)
        flat.extend(_flatten(parameter.conditions))
    return flat


def entry_parameters(entry: Entry, decimal_comma: bool = True) -> list[tuple[str, Parameter]]:
    """Thresholds of every item of ``entry`` (decontrol notes left out), with their item codes."""
    return [
        (code, parameter)
        for code, logic in entry_logic(entry, decimal_comma).items()
        for parameter in _flatten(logic.parameters)
    ]


def compare_entries(first: Entry, second: Entry, decimal_comma: bool = True) -> list[ParameterComparison]:
    return compare_parameters(entry_parameters(first, decimal_comma), entry_parameters(second, decimal_comma))
