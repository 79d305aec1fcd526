"""Check a described item against an entry: which sub-items its values meet, whether a decontrol
note releases it, and what is missing to decide.

Three-valued: a threshold is met, not met, or missing (no spec value names it). Sub-items combine
by their logic (any/either: one met suffices; all: every one). Descriptive text is not checked: an
item with neither thresholds nor sub-items counts as met under "all of the following" (assumed) and
as not met under "any of the following" (it cannot be shown from the spec)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from interregime.analytics.parameters.logic import entry_logic, root_codes
from interregime.analytics.parameters.spec import (
    SpecValue,
    match_parameter,
    parse_spec,
    spec_pairs,
    validate_keys,
    validate_spec,
)
from interregime.analytics.parameters.units import convert, parse_unit
from interregime.domain.corpus import Entry
from interregime.domain.parameters import Combinator, Comparator, ItemLogic, Parameter


class Verdict(StrEnum):
    CONTROLLED = "controlled"
    NOT_CONTROLLED = "not controlled"
    UNDETERMINED = "undetermined"


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not met"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class Step:
    item: str
    parameter: str
    comparison: str
    status: Status


@dataclass(slots=True)
class CheckResult:
    entry: str
    verdict: Verdict
    path: list[Step] = field(default_factory=list)
    decontrolled_by: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    exclusions: list[str] = field(default_factory=list)
    notes_to_consider: list[str] = field(default_factory=list)

    def explanation(self) -> str:
        lines = [f"{self.entry}: {self.verdict.value}"]
        lines += [f"  {step.item}: {step.parameter}: {step.comparison} ({step.status.value})" for step in self.path]
        lines += [f"  decontrolled by {note}" for note in self.decontrolled_by]
        if self.missing:
            lines.append("  missing: " + ", ".join(self.missing))
        if self.exclusions:
            lines.append("  other than items specified in " + ", ".join(self.exclusions))
        lines += [f"  may be decontrolled, depending on the description, by {note}" for note in self.notes_to_consider]
        return "\n".join(lines)


_SYMBOLS = {Comparator.LT: "<", Comparator.LE: "≤", Comparator.GT: ">", Comparator.GE: "≥", Comparator.EQ: "="}


def _number(value: float) -> str:
    return f"{value:.6g}"


def _holds(value: float, parameter: Parameter) -> bool:
    threshold = parameter.value
    if parameter.comparator == Comparator.RANGE:
        low, high = parameter.low, parameter.high
        above = low is None or (value >= low if parameter.low_inclusive else value > low)
        below = high is None or (value <= high if parameter.high_inclusive else value < high)
        return above and below
    assert threshold is not None
    return {
        Comparator.LT: value < threshold, Comparator.LE: value <= threshold, Comparator.GT: value > threshold,
        Comparator.GE: value >= threshold, Comparator.EQ: abs(value - threshold) <= 1e-9 * max(1.0, abs(threshold)),
    }[parameter.comparator]


def _comparison(value: float, parameter: Parameter) -> str:
    unit = f" {parameter.unit}" if parameter.unit else ""
    if parameter.comparator == Comparator.RANGE:
        low = "≤" if parameter.low_inclusive else "<"
        high = "≤" if parameter.high_inclusive else "<"
        return (f"{_number(parameter.low or 0)}{unit} {low} {_number(value)}{unit} {high} "
                f"{_number(parameter.high or 0)}{unit}")
    return f"{_number(value)}{unit} {_SYMBOLS[parameter.comparator]} {_number(parameter.value or 0)}{unit}"


def _describe_threshold(parameter: Parameter) -> str:
    unit = f" {parameter.unit}" if parameter.unit else ""
    if parameter.comparator == Comparator.RANGE:
        return f"{_number(parameter.low or 0)}–{_number(parameter.high or 0)}{unit}"
    return f"{_SYMBOLS[parameter.comparator]} {_number(parameter.value or 0)}{unit}"


class _Checker:
    def __init__(self, logic: dict[str, ItemLogic], spec: Mapping[str, SpecValue]) -> None:
        self.logic = logic
        self.spec = spec
        self.path: list[Step] = []
        self.missing: list[str] = []
        self.released: list[str] = []
        self.to_consider: list[str] = []

    def parameter(self, item: str, parameter: Parameter) -> bool | None:
        for condition in parameter.conditions:
            applies = self.parameter(item, condition)
            if applies is not True:
                return applies
        value = match_parameter(parameter, self.spec)
        name = parameter.characteristic or parameter.source_text
        if value is None:
            self.path.append(Step(item, name, f"? {_describe_threshold(parameter)}", Status.MISSING))
            if name not in self.missing:
                self.missing.append(name)
            return None
        magnitude = value.magnitude
        if value.unit is not None:
            magnitude = convert(magnitude, value.unit, parse_unit(parameter.unit))
        met = _holds(magnitude, parameter)
        self.path.append(Step(item, name, _comparison(magnitude, parameter), Status.MET if met else Status.NOT_MET))
        return met

    def item(self, code: str, under: Combinator) -> bool | None:
        logic = self.logic[code]
        results: list[bool | None] = [self.parameter(code, parameter) for parameter in logic.parameters]
        if logic.children:
            results.append(self.children(logic))
        if not results:
            return under == Combinator.ALL
        outcome = _all(results)
        if outcome is True and self.decontrolled(logic):
            return False
        return outcome

    def decontrolled(self, logic: ItemLogic) -> bool:
        """Whether a decontrol note of a met item applies: the spec meets every threshold of the note."""
        for note in logic.decontrols:
            if not note.parameters:
                continue
            if _repeats(note.parameters, logic.parameters):
                self.to_consider.append(f"{logic.code} {note.label}: {note.text}")
                continue
            probe = _Checker(self.logic, self.spec)
            if all(probe.parameter(logic.code, parameter) is True for parameter in note.parameters):
                self.path.extend(probe.path)
                self.released.append(f"{logic.code} {note.label}: {note.text}")
                return True
        return False

    def children(self, logic: ItemLogic) -> bool | None:
        results = [self.item(child, logic.combinator) for child in logic.children]
        return _all(results) if logic.combinator == Combinator.ALL else _any(results)


def _threshold_key(parameter: Parameter) -> tuple[object, ...]:
    return (parameter.comparator, parameter.si_value, parameter.si_low, parameter.si_high, parameter.si_unit)


def _repeats(note: tuple[Parameter, ...], own: tuple[Parameter, ...]) -> bool:
    """A note whose thresholds are all the item's own differs from it only by description (such as
    "not for use in a nuclear reactor"), which a spec of values cannot decide."""
    own_keys = {_threshold_key(parameter) for parameter in own}
    return all(_threshold_key(parameter) in own_keys for parameter in note)


def _all(results: list[bool | None]) -> bool | None:
    if any(result is False for result in results):
        return False
    return None if any(result is None for result in results) else True


def _any(results: list[bool | None]) -> bool | None:
    if any(result is True for result in results):
        return True
    return None if any(result is None for result in results) else False


def check_entry(entry: Entry, spec: Mapping[str, str | float] | str, decimal_comma: bool = True) -> CheckResult:
    """Whether an item described by ``spec`` is controlled by ``entry``, with the explanation."""
    logic = entry_logic(entry, decimal_comma)
    every = [parameter for item in logic.values() for parameter in _with_conditions(item.parameters)]
    every += [parameter for item in logic.values() for note in item.decontrols for parameter in note.parameters]
    pairs = spec_pairs(spec)
    validate_keys(pairs, every, entry.code)
    values = parse_spec(pairs)
    validate_spec(values, every, entry.code)
    checker = _Checker(logic, values)
    roots = root_codes(entry)
    outcome = _any([checker.item(code, Combinator.ANY) for code in roots])
    if outcome is True:
        verdict = Verdict.CONTROLLED
    elif outcome is None:
        verdict = Verdict.UNDETERMINED
    else:
        verdict = Verdict.NOT_CONTROLLED
    exclusions = sorted({code for item in logic.values() for code in item.exclusions})
    missing = checker.missing if verdict == Verdict.UNDETERMINED else []
    released = checker.released if verdict != Verdict.CONTROLLED else []
    return CheckResult(entry.code, verdict, checker.path, released, missing, exclusions,
                       checker.to_consider if verdict == Verdict.CONTROLLED else [])


def _with_conditions(parameters: tuple[Parameter, ...]) -> list[Parameter]:
    flat: list[Parameter] = []
    for parameter in parameters:
        flat.append(parameter)
        flat.extend(_with_conditions(parameter.conditions))
    return flat
