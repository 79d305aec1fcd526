"""What kind of overlap a pair is, from the thresholds both entries state and any carve-out between them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from interregime.domain.parameters import Parameter

try:  # threshold comparison lives with the parameter analytics; without it pairs stay "related"
    from interregime.analytics.parameters.compare import ParameterComparison, Relation, compare_parameters
except ImportError:  # pragma: no cover - depends on the installed analytics
    compare_parameters = None  # type: ignore[assignment]

DUPLICATE_COSINE = 0.85
MAX_COMPARISONS = 400


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


def compare(first: Sequence[tuple[str, Parameter]], second: Sequence[tuple[str, Parameter]]
            ) -> list[ParameterComparison]:
    if compare_parameters is None:
        return []
    left, right = _candidates(first, second)
    if len(left) * len(right) > MAX_COMPARISONS:
        left, right = left[:20], right[:20]
    return compare_parameters(left, right)


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
             document_cosine: float, carve_out: str = "") -> Classification:
    comparisons = compare(first, second)
    described = tuple(comparison.describe() for comparison in comparisons[:6])
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
                              ("thresholds on the same characteristic overlap without a carve-out",), described)
    direction = "stricter" if Relation.STRICTER in relations else "looser"
    return Classification(OverlapKind.NESTED, (f"first entry's thresholds are {direction}",), described)
