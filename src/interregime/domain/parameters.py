"""Technical parameters of control items: thresholds, the logic joining sub-items, decontrol conditions."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Comparator(StrEnum):
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    EQ = "="
    RANGE = "range"


@dataclass(frozen=True, slots=True)
class Parameter:
    """One threshold such as ``"unidirectional positioning repeatability" <= 0.9 µm``.

    ``value`` holds the threshold of one-sided comparators; a ``range`` uses ``low``/``high`` with
    their inclusiveness. ``unit`` is a pint-parsable string, ``si_*`` the same numbers in ``si_unit``
    (base units of the registry). ``conditions`` are thresholds from the qualifier ("with a travel
    length less than 1,0 m") that decide whether this threshold applies.
    """

    characteristic: str
    comparator: Comparator
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    si_value: float | None = None
    si_low: float | None = None
    si_high: float | None = None
    si_unit: str = ""
    qualifier: str = ""
    defined_term: str | None = None
    source_text: str = ""
    span: tuple[int, int] = (0, 0)
    low_inclusive: bool = True
    high_inclusive: bool = False
    conditions: tuple[Parameter, ...] = ()


class Combinator(StrEnum):
    """How an item's sub-items combine: ``any`` (any of / one or more of / as follows), ``all``,
    ``either`` (exactly one of two alternatives, treated like ``any`` when checking), ``none`` (no
    sub-items)."""

    ANY = "any"
    ALL = "all"
    EITHER = "either"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Decontrol:
    """A note saying that the item "does not control" something, with its parsed thresholds."""

    label: str
    text: str
    parameters: tuple[Parameter, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemLogic:
    code: str
    combinator: Combinator
    children: tuple[str, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    exclusions: tuple[str, ...] = ()
    decontrols: tuple[Decontrol, ...] = field(default_factory=tuple)
