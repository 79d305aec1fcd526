"""Threshold changes between two versions of an item's text, stated plainly
("1C002.b.1 ultimate tensile strength threshold > 1 000 MPa → > 1 200 MPa")."""

from __future__ import annotations

import math
from collections.abc import Callable

from interregime.analytics.parameters.compare import same_characteristic
from interregime.analytics.parameters.extract import extract_parameters
from interregime.analytics.parameters.units import UnitError
from interregime.domain.parameters import Comparator, Parameter

Extractor = Callable[[str], list[Parameter]]

_SYMBOL = {Comparator.LT: "<", Comparator.LE: "≤", Comparator.GT: ">", Comparator.GE: "≥", Comparator.EQ: "="}


def format_number(value: float) -> str:
    """EU style with a space between thousands: ``1 000``, ``0.5``, ``1.2e-06``."""
    if value != 0 and (abs(value) >= 1e12 or abs(value) < 1e-4):
        return f"{value:g}"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", " ")
    return f"{value:,.6f}".rstrip("0").rstrip(".").replace(",", " ")


def describe_threshold(parameter: Parameter) -> str:
    unit = f" {parameter.unit}" if parameter.unit else ""
    if parameter.comparator is Comparator.RANGE:
        low = format_number(parameter.low) if parameter.low is not None else "…"
        high = format_number(parameter.high) if parameter.high is not None else "…"
        return f"{low}–{high}{unit}"
    value = format_number(parameter.value) if parameter.value is not None else "?"
    return f"{_SYMBOL[parameter.comparator]} {value}{unit}"


def _close(first: float | None, second: float | None) -> bool:
    if first is None or second is None:
        return first is second
    return math.isclose(first, second, rel_tol=1e-9, abs_tol=1e-15)


def same_threshold(old: Parameter, new: Parameter) -> bool:
    """Same comparator, base unit and bounds in base units, within float rounding. Not
    ``compare.relation(...) is Relation.SAME``: that tells range-bound inclusiveness apart, which
    ``describe_threshold`` does not show (a "change" would read ``75–400 mm → 75–400 mm``), reads a
    missing value as 0 and compares floats exactly."""
    return (old.comparator is new.comparator and old.si_unit == new.si_unit
            and _close(old.si_value, new.si_value) and _close(old.si_low, new.si_low)
            and _close(old.si_high, new.si_high))


def _same_characteristic(first: Parameter, second: Parameter) -> bool:
    """``compare.same_characteristic``; a unit it cannot parse (from a custom extractor) is no match."""
    try:
        return same_characteristic(first, second)
    except UnitError:
        return False


def _pair(old: list[Parameter], new: list[Parameter]) -> tuple[list[tuple[Parameter, Parameter]], list[Parameter],
                                                                 list[Parameter]]:
    """Pair thresholds measuring the same thing: unchanged ones first, then same characteristic and
    dimension (``compare.same_characteristic``: equal names, synonyms or spec-key matches), then, in
    order, the remaining ones of the same base unit."""
    left, right = list(old), list(new)
    pairs: list[tuple[Parameter, Parameter]] = []
    rules: list[Callable[[Parameter, Parameter], bool]] = [
        lambda a, b: _same_characteristic(a, b) and same_threshold(a, b),
        same_threshold,
        _same_characteristic,
        lambda a, b: a.si_unit == b.si_unit,
    ]
    for rule in rules:
        for first in list(left):
            match = next((second for second in right if rule(first, second)), None)
            if match is not None:
                pairs.append((first, match))
                left.remove(first)
                right.remove(match)
    return pairs, left, right


def parameter_changes(code: str, old_text: str, new_text: str,
                      extractor: Extractor | None = None) -> tuple[str, ...]:
    """Plain statements of thresholds changed, added or dropped between the two texts."""
    extract = extractor or extract_parameters
    pairs, dropped, added = _pair(extract(old_text), extract(new_text))
    statements = [
        f"{code} {new.characteristic or old.characteristic} threshold {describe_threshold(old)} → "
        f"{describe_threshold(new)}"
        for old, new in pairs if not same_threshold(old, new)
    ]
    statements += [f"{code} {p.characteristic} threshold {describe_threshold(p)} dropped" for p in dropped]
    statements += [f"{code} {p.characteristic} threshold {describe_threshold(p)} added" for p in added]
    return tuple(statements)
