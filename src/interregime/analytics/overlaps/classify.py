"""What kind of overlap a pair is, from the thresholds both entries state and any carve-out between them.

The thresholds are each item's own (``parameters.logic.entry_logic``, children inheriting their
parent's characteristic and comparator), compared pairwise on the same characteristic by
``parameters.compare``: only ``same`` → nested (or duplicate, if the texts match too); one-sided
``stricter`` or ``looser`` → nested; ``overlapping``, or both directions → conflicting; only
``disjoint`` → carved out. An explicit "other than" between the two entries makes the pair carved out
whatever its thresholds. That clause is a cross-reference: with ``--ignore-xrefs`` it is not
consulted, the kind comes from the thresholds alone (so "carved out" then means disjoint thresholds)
and every pair's reasons say that carve-outs were not consulted."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from interregime.domain.parameters import Comparator, Parameter

try:  # threshold comparison lives with the parameter analytics; without it pairs stay "related"
    from interregime.analytics.parameters.compare import ParameterComparison, Relation, compare_parameters
except ImportError:  # pragma: no cover - depends on the installed analytics
    compare_parameters = None  # type: ignore[assignment]

DUPLICATE_COSINE = 0.85
MAX_COMPARISONS = 400
CARVE_OUTS_NOT_CONSULTED = '"other than" carve-outs not consulted (cross-references ignored): kind from thresholds only'
_SYMBOLS = {Comparator.LT: "<", Comparator.LE: "≤", Comparator.GT: ">", Comparator.GE: "≥", Comparator.EQ: "="}
_PHRASES = {"same": "is the same as", "stricter": "is stricter than", "looser": "is looser than",
            "overlapping": "overlaps", "disjoint": "is disjoint from"}


class OverlapKind(StrEnum):
    NESTED = "nested"
    CARVED_OUT = "carved out"
    CONFLICTING = "conflicting"
    DUPLICATE = "duplicate"
    RELATED = "related"

    @classmethod
    def parse(cls, value: str) -> OverlapKind:
        key = value.strip().lower().replace("-", " ").replace("_", " ")
        for kind in cls:
            if kind.value == key:
                return kind
        raise ValueError(f"unknown overlap kind {value!r}; expected one of {', '.join(k.value for k in cls)}")


@dataclass(frozen=True)
class Classification:
    kind: OverlapKind
    reasons: tuple[str, ...]
    comparisons: tuple[str, ...]


def _words(characteristic: str) -> frozenset[str]:
    return frozenset(word for word in characteristic.lower().replace('"', " ").split() if len(word) > 3)


def _candidates(first: Sequence[tuple[str, Parameter]], second: Sequence[tuple[str, Parameter]]
                ) -> tuple[list[tuple[str, Parameter]], list[tuple[str, Parameter]]]:
    """Thresholds whose characteristic shares a word with one on the other side: the only ones worth
    the full comparison."""
    second_words = frozenset().union(*(_words(p.characteristic) for _, p in second)) if second else frozenset()
    first_words = frozenset().union(*(_words(p.characteristic) for _, p in first)) if first else frozenset()
    return ([(c, p) for c, p in first if _words(p.characteristic) & second_words],
            [(c, p) for c, p in second if _words(p.characteristic) & first_words])


def _threshold(parameter: Parameter) -> str:
    if parameter.comparator == Comparator.RANGE:
        low = "[" if parameter.low_inclusive else "("
        high = "]" if parameter.high_inclusive else ")"
        return f"{low}{parameter.low:g}, {parameter.high:g}{high} {parameter.unit}".strip()
    return f"{_SYMBOLS[parameter.comparator]} {parameter.value:g} {parameter.unit}".strip()


def describe(comparison: ParameterComparison) -> str:
    """``2B001.a.1 unidirectional positioning repeatability ≤ 0.9 µm is stricter than 2B201.a.1 … ≤ 1.1 µm``."""
    first, second = comparison.first, comparison.second
    other = "" if second.characteristic == first.characteristic else f" {second.characteristic}"
    return (f"{comparison.first_item} {first.characteristic} {_threshold(first)} "
            f"{_PHRASES[comparison.relation.value]} {comparison.second_item}{other} {_threshold(second)}")


def compare(first: Sequence[tuple[str, Parameter]], second: Sequence[tuple[str, Parameter]]
            ) -> list[ParameterComparison]:
    if compare_parameters is None:
        return []
    left, right = _candidates(first, second)
    if len(left) * len(right) > MAX_COMPARISONS:
        left, right = left[:20], right[:20]
    return nearest(compare_parameters(left, right))


def _magnitude(parameter: Parameter) -> float:
    """Decimal order of the threshold's value in base units (mean over a range's finite bounds)."""
    values = [abs(value) for value in (parameter.si_value, parameter.si_low, parameter.si_high)
              if value is not None and math.isfinite(value) and value != 0]
    return sum(math.log10(value) for value in values) / len(values) if values else 0.0


def _distance(comparison: ParameterComparison) -> float:
    if comparison.relation == Relation.SAME:
        return 0.0
    return 1.0 + abs(_magnitude(comparison.first) - _magnitude(comparison.second))


def nearest(comparisons: Sequence[ParameterComparison]) -> list[ParameterComparison]:
    """For every threshold on either side, its comparison with the nearest threshold on the other side
    (an identical one if there is one, else the closest value), in the original order. Comparing every
    item with every item would set "2 or more axes" (2B001.a) against "5 or more" (2B201.a.3) as well
    as against the identical "2 or more" (2B201), and read the pair as crossing in both directions."""
    best: dict[tuple[int, str, Parameter], tuple[float, int]] = {}
    for position, comparison in enumerate(comparisons):
        distance = _distance(comparison)
        for key in ((0, comparison.first_item, comparison.first), (1, comparison.second_item, comparison.second)):
            if key not in best or distance < best[key][0]:
                best[key] = (distance, position)
    kept = sorted({position for _, position in best.values()})
    return [comparisons[position] for position in kept]


def unit_conflicts(first: Sequence[tuple[str, Parameter]], second: Sequence[tuple[str, Parameter]]) -> list[str]:
    """The same characteristic measured in units of different dimensions on the two sides."""
    by_name = {p.characteristic: (c, p) for c, p in first if p.characteristic and p.si_unit}
    found: list[str] = []
    for code, parameter in second:
        match = by_name.get(parameter.characteristic)
        if match and parameter.si_unit and match[1].si_unit != parameter.si_unit:
            found.append(f"{match[0]} and {code} state {parameter.characteristic!r} in {match[1].unit or '1'} "
                         f"and {parameter.unit or '1'}")
    return found


def classify(first: Sequence[tuple[str, Parameter]], second: Sequence[tuple[str, Parameter]],
             document_cosine: float, carve_out: str = "", carve_outs_consulted: bool = True) -> Classification:
    """The kind of the pair from its thresholds, unless ``carve_out`` (an explicit "other than") says
    it is carved out; with ``carve_outs_consulted`` false (``--ignore-xrefs``) the reasons say so."""
    result = _classify(first, second, document_cosine, carve_out, carve_outs_consulted)
    if carve_outs_consulted:
        return result
    return Classification(result.kind, (*result.reasons, CARVE_OUTS_NOT_CONSULTED), result.comparisons)


def _classify(first: Sequence[tuple[str, Parameter]], second: Sequence[tuple[str, Parameter]],
              document_cosine: float, carve_out: str, carve_outs_consulted: bool) -> Classification:
    comparisons = compare(first, second)
    described = tuple(describe(comparison) for comparison in comparisons[:6])
    relations = {comparison.relation for comparison in comparisons}
    conflicts = unit_conflicts(first, second)
    if carve_out:
        return Classification(OverlapKind.CARVED_OUT, (carve_out,), described)
    if conflicts:
        return Classification(OverlapKind.CONFLICTING, tuple(conflicts[:3]), described)
    if not relations:
        if document_cosine >= DUPLICATE_COSINE:
            return Classification(OverlapKind.DUPLICATE, (f"text cosine {document_cosine:.2f}",), described)
        return Classification(OverlapKind.RELATED, ("no comparable thresholds",), described)
    if relations == {Relation.SAME}:
        kind = OverlapKind.DUPLICATE if document_cosine >= DUPLICATE_COSINE else OverlapKind.NESTED
        reason = "every shared threshold is the same" + ("" if kind == OverlapKind.DUPLICATE else
                                                         "; the rest of the text differs")
        return Classification(kind, (reason,), described)
    if relations == {Relation.DISJOINT}:
        return Classification(OverlapKind.CARVED_OUT, ("thresholds on the same characteristic are disjoint",),
                              described)
    if Relation.OVERLAPPING in relations or {Relation.STRICTER, Relation.LOOSER} <= relations:
        return Classification(OverlapKind.CONFLICTING,
                              ("thresholds on the same characteristic overlap"
                               + (" without a carve-out" if carve_outs_consulted else ""),), described)
    direction = "stricter" if Relation.STRICTER in relations else "looser"
    return Classification(OverlapKind.NESTED, (f"first entry's thresholds are {direction}",), described)
