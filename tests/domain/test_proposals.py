"""Proposal stages, versions and their record form."""

from __future__ import annotations

import datetime as dt

import pytest

from interregime.domain.parameters import Comparator, Parameter
from interregime.domain.proposal_codec import RecordError, proposal_from_record, proposal_record
from interregime.domain.proposals import (
    ListEntryRef,
    Position,
    PositionKind,
    Proposal,
    Stage,
    TransitionError,
    WorkspaceError,
)
from interregime.domain.regimes import Regime

D = dt.date
LASER = Parameter("laser power", Comparator.GE, 1000.0, unit="W")


def proposal() -> Proposal:
    p = Proposal("wa-am", "Metal powder-bed fusion", Regime.WA, "additive manufacturing", D(2024, 3, 1), ("US",))
    p.redefine(D(2024, 3, 1), "Powder-bed fusion machines", (ListEntryRef("wassenaar", "2.B.9"),), (LASER,))
    return p


def test_stages_in_order_and_outcomes_recorded() -> None:
    p = proposal()
    assert p.stage == Stage.THREAT
    p.advance(Stage.NEED, D(2024, 5, 1), "diversion risk to missile programmes")
    p.advance(Stage.ITEMS, D(2024, 9, 1), "a control is needed")
    p.advance(Stage.PARAMETERS, D(2024, 12, 1), "2.B.9. Powder-bed fusion equipment ...")
    p.advance(Stage.ADOPTED, D(2025, 3, 1), "agreed at the plenary")
    assert p.stage == Stage.ADOPTED
    assert [o.stage for o in p.outcomes()] == [Stage.THREAT, Stage.NEED, Stage.ITEMS, Stage.PARAMETERS]
    assert p.outcomes()[-1].parameters == (LASER,), "adopting without new values keeps the version's parameters"
    assert p.reached_stages() == [Stage.THREAT, Stage.NEED, Stage.ITEMS, Stage.PARAMETERS]
    with pytest.raises(TransitionError, match="allowed: none"):
        p.advance(Stage.WITHDRAWN, D(2025, 4, 1))


def test_forbidden_transitions() -> None:
    p = proposal()
    with pytest.raises(TransitionError, match="cannot go from threat to items; allowed: need, withdrawn"):
        p.advance(Stage.ITEMS, D(2024, 5, 1), "x")
    with pytest.raises(TransitionError, match="needs the agreed threat assessment"):
        p.advance(Stage.NEED, D(2024, 5, 1), " ")
    with pytest.raises(TransitionError, match="before the threat stage began"):
        p.advance(Stage.NEED, D(2023, 5, 1), "x")
    p.advance(Stage.WITHDRAWN, D(2024, 5, 1))
    assert p.stage == Stage.WITHDRAWN and p.outcomes() == []
    assert p.reached_stages() == [Stage.THREAT]
    with pytest.raises(TransitionError, match="cannot be redefined"):
        p.redefine(D(2024, 6, 1), "again")


def test_adopting_needs_parameters() -> None:
    p = Proposal("x", "t", Regime.MTCR, "am", D(2024, 1, 1))
    p.redefine(D(2024, 1, 1), "no numbers yet")
    for stage in (Stage.NEED, Stage.ITEMS, Stage.PARAMETERS):
        p.advance(stage, D(2024, 2, 1), "ok")
    with pytest.raises(TransitionError, match="needs the agreed parameter values"):
        p.advance(Stage.ADOPTED, D(2024, 3, 1), "ok")


def test_redefining_appends_versions_and_carries_over() -> None:
    p = proposal()
    p.redefine(D(2024, 4, 1), "Powder-bed fusion machines, revised")
    p.redefine(D(2024, 5, 1), "Third text", parameters=(Parameter("build volume", Comparator.GT, 0.027, unit="m**3"),))
    assert [v.number for v in p.versions] == [1, 2, 3]
    assert p.versions[0].description == "Powder-bed fusion machines"
    assert p.versions[1].parameters == (LASER,)
    assert p.current.parameters[0].characteristic == "build volume"
    assert p.current.list_entries == (ListEntryRef("wassenaar", "2.B.9"),)


def test_latest_position_wins_and_stage_must_be_reached() -> None:
    p = proposal()
    p.positions += [
        Position("US", Stage.THREAT, PositionKind.OPPOSE, D(2024, 3, 2)),
        Position("US", Stage.THREAT, PositionKind.SUPPORT, D(2024, 3, 5)),
        Position("FR", Stage.THREAT, PositionKind.BLOCK, D(2024, 3, 5)),
        Position("FR", Stage.THREAT, PositionKind.NO_POSITION, D(2024, 3, 5)),
    ]
    current = p.current_positions(Stage.THREAT)
    assert {s: c.kind for s, c in current.items()} == {"US": PositionKind.SUPPORT, "FR": PositionKind.NO_POSITION}
    with pytest.raises(WorkspaceError, match="has not reached items"):
        p.check_position_stage(Position("US", Stage.ITEMS, PositionKind.SUPPORT, D(2024, 3, 5)))


def test_position_kinds_parse() -> None:
    assert PositionKind.parse("Support-with_reservation") == PositionKind.SUPPORT_WITH_RESERVATION
    assert PositionKind.OPPOSE.objects and PositionKind.BLOCK.objects
    assert not PositionKind.SUPPORT_WITH_RESERVATION.objects
    with pytest.raises(WorkspaceError, match="unknown position 'maybe'"):
        PositionKind.parse("maybe")


def test_record_round_trip_and_errors() -> None:
    p = proposal()
    p.advance(Stage.NEED, D(2024, 5, 1), "threat agreed")
    p.positions.append(Position("DE", Stage.NEED, PositionKind.SUPPORT_WITH_RESERVATION, D(2024, 6, 1), "scope"))
    record = proposal_record(p)
    again = proposal_from_record(record, "proposals[0]")
    assert (again.versions, again.transitions, again.positions) == (p.versions, p.transitions, p.positions)
    record["versions"][0]["parameters"][0]["value"] = "a lot"
    with pytest.raises(RecordError, match=r"^proposals\[0\]\.versions\[0\]\.parameters\[0\]\.value: expected float"):
        proposal_from_record(record, "proposals[0]")
    record = proposal_record(p)
    record["transitions"][0]["to"] = "adopted"
    with pytest.raises(RecordError, match=r"^p\.transitions\[0\]: proposal wa-am: cannot go from threat to adopted"):
        proposal_from_record(record, "p")
    record = proposal_record(p)
    record["positions"][0]["date"] = "June 2024"
    with pytest.raises(RecordError, match=r"^p\.positions\[0\]\.date: 'June 2024' is not a date"):
        proposal_from_record(record, "p")
