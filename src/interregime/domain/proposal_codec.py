"""Proposals and topics as plain JSON-ready records, and back, with errors naming the offending field."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from interregime.domain.consensus import CoordinationTopic
from interregime.domain.parameters import Comparator, Parameter
from interregime.domain.proposals import (
    ListEntryRef,
    Position,
    PositionKind,
    Proposal,
    ProposalVersion,
    Stage,
    StageTransition,
    WorkspaceError,
)
from interregime.domain.regimes import Regime

T = TypeVar("T")


class RecordError(WorkspaceError):
    """A record that does not describe a valid proposal; the message starts with the field's path."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


def parameter_record(parameter: Parameter) -> dict[str, Any]:
    record: dict[str, Any] = {"characteristic": parameter.characteristic, "comparator": parameter.comparator.value}
    if parameter.comparator == Comparator.RANGE:
        record |= {"low": parameter.low, "high": parameter.high,
                   "low_inclusive": parameter.low_inclusive, "high_inclusive": parameter.high_inclusive}
    else:
        record["value"] = parameter.value
    record["unit"] = parameter.unit
    if parameter.qualifier:
        record["qualifier"] = parameter.qualifier
    return record


def _field(record: Mapping[str, Any], key: str, path: str, kind: type[T], default: T | None = None) -> T:
    value = record.get(key, default)
    if value is None:
        raise RecordError(f"{path}.{key}", "missing")
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (isinstance(value, float) and not math.isfinite(value)):
        raise RecordError(f"{path}.{key}", f"expected {kind.__name__}, got {value!r}")
    return value


def _number(record: Mapping[str, Any], key: str, path: str) -> float | None:
    return _field(record, key, path, float) if record.get(key) is not None else None


def _mapping(value: Any, path: str, keys: frozenset[str] | None = None) -> Mapping[str, Any]:
    """``value`` as an object; with ``keys``, a field outside them is refused rather than silently dropped."""
    if not isinstance(value, Mapping):
        raise RecordError(path, f"expected an object, got {type(value).__name__}")
    unknown = sorted(set(value) - keys) if keys is not None else []
    if unknown:
        raise RecordError(f"{path}.{unknown[0]}", f"unknown field; expected one of {', '.join(sorted(keys or ()))}")
    return value


PARAMETER_KEYS = frozenset({"characteristic", "comparator", "value", "low", "high", "low_inclusive", "high_inclusive",
                            "unit", "qualifier"})
VERSION_KEYS = frozenset({"number", "date", "description", "list_entries", "parameters", "note"})
TRANSITION_KEYS = frozenset({"from", "to", "date", "outcome", "parameters"})
TOPIC_KEYS = frozenset({"id", "title", "technology", "description"})
PROPOSAL_KEYS = frozenset({"id", "title", "regime", "technology", "created", "originating_states", "topic", "stage",
                           "revision", "versions", "transitions", "positions"})


def _list(record: Mapping[str, Any], key: str, path: str) -> list[Any]:
    value = record.get(key, [])
    if not isinstance(value, list):
        raise RecordError(f"{path}.{key}", f"expected a list, got {type(value).__name__}")
    return value


def _parsed(path: str, parse: Callable[[str], T], text: str) -> T:
    try:
        return parse(text)
    except ValueError as error:
        raise RecordError(path, str(error)) from None


def parse_date(text: str, path: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RecordError(path, f"{text!r} is not a date (YYYY-MM-DD)") from None


def parameter_from_record(value: Any, path: str) -> Parameter:
    record = _mapping(value, path, PARAMETER_KEYS)
    comparator = _parsed(f"{path}.comparator", Comparator, _field(record, "comparator", path, str))
    characteristic = _field(record, "characteristic", path, str).strip()
    if not characteristic:
        raise RecordError(f"{path}.characteristic", "empty")
    unit = _field(record, "unit", path, str, "")
    qualifier = _field(record, "qualifier", path, str, "")
    if comparator == Comparator.RANGE:
        low, high = _number(record, "low", path), _number(record, "high", path)
        if low is None or high is None or low > high:
            raise RecordError(path, "a range needs numbers low <= high")
        return Parameter(characteristic, comparator, None, low=low, high=high, unit=unit, qualifier=qualifier,
                         low_inclusive=_field(record, "low_inclusive", path, bool, True),
                         high_inclusive=_field(record, "high_inclusive", path, bool, False))
    return Parameter(characteristic, comparator, _field(record, "value", path, float), unit=unit,
                     qualifier=qualifier)


def parameters_from_records(values: list[Any], path: str) -> tuple[Parameter, ...]:
    return tuple(parameter_from_record(v, f"{path}[{i}]") for i, v in enumerate(values))


def version_record(version: ProposalVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "date": version.date.isoformat(),
        "description": version.description,
        "list_entries": [{"list_id": e.list_id, "code": e.code} for e in version.list_entries],
        "parameters": [parameter_record(p) for p in version.parameters],
        "note": version.note,
    }


def transition_record(transition: StageTransition) -> dict[str, Any]:
    return {
        "from": transition.from_stage.value,
        "to": transition.to_stage.value,
        "date": transition.date.isoformat(),
        "outcome": transition.outcome,
        "parameters": [parameter_record(p) for p in transition.parameters],
    }


def position_record(position: Position) -> dict[str, Any]:
    return {"state": position.state, "stage": position.stage.value, "position": position.kind.value,
            "date": position.date.isoformat(), "reason": position.reason}


def proposal_record(proposal: Proposal) -> dict[str, Any]:
    return {
        "id": proposal.id,
        "title": proposal.title,
        "regime": proposal.regime.value,
        "technology": proposal.technology,
        "created": proposal.created.isoformat(),
        "originating_states": list(proposal.originating_states),
        "topic": proposal.topic,
        "stage": proposal.stage.value,
        "revision": proposal.revision,
        "versions": [version_record(v) for v in proposal.versions],
        "transitions": [transition_record(t) for t in proposal.transitions],
        "positions": [position_record(p) for p in proposal.positions],
    }


def topic_record(topic: CoordinationTopic) -> dict[str, Any]:
    return {"id": topic.id, "title": topic.title, "technology": topic.technology, "description": topic.description}


def topic_from_record(value: Any, path: str) -> CoordinationTopic:
    record = _mapping(value, path, TOPIC_KEYS)
    return CoordinationTopic(
        id=_identifier(record, path),
        title=_field(record, "title", path, str),
        technology=_field(record, "technology", path, str, ""),
        description=_field(record, "description", path, str, ""),
    )


def _identifier(record: Mapping[str, Any], path: str) -> str:
    return check_identifier(_field(record, "id", path, str), f"{path}.id")


def check_identifier(text: str, path: str) -> str:
    ident = text.strip()
    if not ident or len(ident) > 60 or any(ch.isspace() for ch in ident):
        raise RecordError(path, f"{ident!r} is not an identifier (1-60 characters, no spaces)")
    return ident


def check_state_code(text: str, path: str) -> str:
    """An ISO 3166 alpha-2 code, or EU, in upper case."""
    code = text.strip().upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise RecordError(path, f"{text!r} is not an ISO 3166 alpha-2 code (e.g. FR) or EU")
    return code


def _version(value: Any, path: str, number: int) -> ProposalVersion:
    record = _mapping(value, path, VERSION_KEYS)
    entries = tuple(
        ListEntryRef(_field(_mapping(e, f"{path}.list_entries[{i}]"), "list_id", f"{path}.list_entries[{i}]", str),
                     _field(_mapping(e, f"{path}.list_entries[{i}]"), "code", f"{path}.list_entries[{i}]", str))
        for i, e in enumerate(_list(record, "list_entries", path))
    )
    return ProposalVersion(
        number=number,
        date=parse_date(_field(record, "date", path, str), f"{path}.date"),
        description=_field(record, "description", path, str),
        list_entries=entries,
        parameters=parameters_from_records(_list(record, "parameters", path), f"{path}.parameters"),
        note=_field(record, "note", path, str, ""),
    )


def position_from_record(value: Any, path: str) -> Position:
    record = _mapping(value, path)
    return Position(
        state=_field(record, "state", path, str).strip().upper(),
        stage=_parsed(f"{path}.stage", Stage.parse, _field(record, "stage", path, str)),
        kind=_parsed(f"{path}.position", PositionKind.parse, _field(record, "position", path, str)),
        date=parse_date(_field(record, "date", path, str), f"{path}.date"),
        reason=_field(record, "reason", path, str, ""),
    )


def proposal_from_record(value: Any, path: str) -> Proposal:
    """A proposal with its versions and transitions replayed (so their order is checked); positions are
    returned unchecked on ``positions``: their participants are checked against the memberships later."""
    record = _mapping(value, path, PROPOSAL_KEYS)
    ident = _identifier(record, path)
    versions = _list(record, "versions", path)
    if not versions:
        raise RecordError(f"{path}.versions", "a proposal needs at least one version")
    proposal = Proposal(
        id=ident,
        title=_field(record, "title", path, str),
        regime=_parsed(f"{path}.regime", Regime.parse, _field(record, "regime", path, str)),
        technology=_field(record, "technology", path, str, ""),
        created=parse_date(_field(record, "created", path, str), f"{path}.created"),
        originating_states=tuple(
            check_state_code(_field({"s": s}, "s", f"{path}.originating_states[{i}]", str),
                             f"{path}.originating_states[{i}]")
            for i, s in enumerate(_list(record, "originating_states", path))
        ),
        topic=_field(record, "topic", path, str) if record.get("topic") is not None else None,
        versions=[_version(v, f"{path}.versions[{i}]", i + 1) for i, v in enumerate(versions)],
    )
    for i, item in enumerate(_list(record, "transitions", path)):
        where = f"{path}.transitions[{i}]"
        transition = _mapping(item, where, TRANSITION_KEYS)
        target = _parsed(f"{where}.to", Stage.parse, _field(transition, "to", where, str))
        date = parse_date(_field(transition, "date", where, str), f"{where}.date")
        parameters = parameters_from_records(_list(transition, "parameters", where), f"{where}.parameters")
        try:
            proposal.advance(target, date, _field(transition, "outcome", where, str, ""), parameters)
        except ValueError as error:
            raise RecordError(where, str(error)) from None
    proposal.positions = [position_from_record(p, f"{path}.positions[{i}]")
                          for i, p in enumerate(_list(record, "positions", path))]
    return proposal
