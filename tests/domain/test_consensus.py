"""Consensus per stage, participants, and the coordination of linked proposals."""

from __future__ import annotations

import datetime as dt

import pytest

from interregime.domain.consensus import (
    ConsensusStatus,
    CoordinationTopic,
    check_can_advance,
    check_position,
    coordination_set,
    divergences,
    parse_overrides,
    participants,
    proposal_consensus,
    stage_consensus,
    what_if,
)
from interregime.domain.parameters import Comparator, Parameter
from interregime.domain.proposals import (
    NotAParticipantError,
    Position,
    PositionKind,
    Proposal,
    Stage,
    WorkspaceError,
)
from interregime.domain.regimes import Membership, MembershipStatus, Regime, State

D = dt.date
ON = D(2024, 6, 1)
S, R, N, OP, B = (PositionKind.SUPPORT, PositionKind.SUPPORT_WITH_RESERVATION, PositionKind.NO_POSITION,
                 PositionKind.OPPOSE, PositionKind.BLOCK)


def member(code: str, regime: Regime, status: MembershipStatus = MembershipStatus.PARTICIPANT,
           joined: int | None = None, left: int | None = None) -> Membership:
    return Membership(State(code, code), regime, status, joined, left)


MEMBERS = [
    member("US", Regime.WA), member("FR", Regime.WA), member("RU", Regime.WA), member("IN", Regime.WA, joined=2017),
    member("US", Regime.MTCR), member("FR", Regime.MTCR), member("RU", Regime.MTCR), member("BR", Regime.MTCR),
    member("CN", Regime.MTCR, MembershipStatus.ADHERENT),
    member("US", Regime.AG), member("EU", Regime.AG), member("EU", Regime.NSG, MembershipStatus.OBSERVER),
    member("XX", Regime.WA, left=2020),
]


def make(ident: str, regime: Regime, positions: dict[str, PositionKind]) -> Proposal:
    p = Proposal(ident, ident, regime, "additive manufacturing", D(2024, 1, 10))
    p.redefine(D(2024, 1, 10), "text", parameters=(Parameter("laser power", Comparator.GE, 500.0, unit="W"),))
    p.positions = [Position(s, Stage.THREAT, k, D(2024, 2, 1)) for s, k in positions.items()]
    return p


def test_participants_exclude_adherents_observers_and_non_members() -> None:
    assert participants(MEMBERS, Regime.WA, ON) == {"US", "FR", "RU", "IN"}
    assert participants(MEMBERS, Regime.WA, D(2016, 1, 1)) == {"US", "FR", "RU", "XX"}
    assert participants(MEMBERS, Regime.MTCR, ON) == {"US", "FR", "RU", "BR"}
    assert participants(MEMBERS, Regime.AG, ON) == {"US", "EU"}
    assert "EU" not in participants(MEMBERS, Regime.NSG, ON)


def test_only_participants_on_the_date_may_hold_positions() -> None:
    p = make("mtcr-am", Regime.MTCR, {})
    check_position(p, Position("BR", Stage.THREAT, S, ON), MEMBERS)
    with pytest.raises(NotAParticipantError, match="CN is not a MTCR participant on 2024-06-01"):
        check_position(p, Position("CN", Stage.THREAT, S, ON), MEMBERS)
    wa = make("wa-am", Regime.WA, {})
    with pytest.raises(NotAParticipantError, match="IN is not a WA participant on 2015-06-01"):
        check_position(wa, Position("IN", Stage.THREAT, S, D(2015, 6, 1)), MEMBERS)
    ag = make("ag-x", Regime.AG, {})
    check_position(ag, Position("EU", Stage.THREAT, S, ON), MEMBERS)


def test_blocked_pending_reached() -> None:
    blocked = stage_consensus(make("a", Regime.WA, {"US": S, "FR": R, "RU": OP}), Stage.THREAT, MEMBERS, ON)
    assert blocked.status == ConsensusStatus.BLOCKED and blocked.blocked_by == ("RU",)
    assert blocked.pending == ("IN",) and [p.state for p in blocked.reservations] == ["FR"]
    pending = stage_consensus(make("b", Regime.WA, {"US": S, "FR": R, "RU": N}), Stage.THREAT, MEMBERS, ON)
    assert pending.status == ConsensusStatus.PENDING and pending.pending == ("IN",)
    reached = stage_consensus(make("c", Regime.WA, {"US": S, "FR": R, "RU": N, "IN": S}), Stage.THREAT, MEMBERS, ON)
    assert reached.status == ConsensusStatus.REACHED
    assert (reached.supporting, reached.abstaining) == (("IN", "US"), ("RU",))


def test_positions_of_former_participants_do_not_count() -> None:
    p = make("d", Regime.WA, {"US": S, "FR": S, "RU": S, "IN": S, "XX": B})
    assert stage_consensus(p, Stage.THREAT, MEMBERS, ON).status == ConsensusStatus.REACHED
    assert stage_consensus(p, Stage.THREAT, MEMBERS, D(2019, 1, 1)).status == ConsensusStatus.BLOCKED


def test_advancing_needs_consensus_but_withdrawing_does_not() -> None:
    p = make("e", Regime.WA, {"US": S, "FR": S, "RU": B, "IN": S})
    with pytest.raises(WorkspaceError, match="no consensus on threat; blocked by RU"):
        check_can_advance(p, Stage.NEED, MEMBERS, ON)
    check_can_advance(p, Stage.WITHDRAWN, MEMBERS, ON)
    p.positions.append(Position("RU", Stage.THREAT, S, D(2024, 3, 1)))
    check_can_advance(p, Stage.NEED, MEMBERS, ON)
    p.advance(Stage.NEED, D(2024, 3, 2), "agreed")
    stages = proposal_consensus(p, MEMBERS, ON)
    assert [(c.stage, c.status) for c in stages] == [(Stage.THREAT, ConsensusStatus.REACHED),
                                                      (Stage.NEED, ConsensusStatus.PENDING)]


def topic() -> CoordinationTopic:
    wa = make("wa-am", Regime.WA, {"US": S, "FR": S, "RU": B, "IN": S})
    mtcr = make("mtcr-am", Regime.MTCR, {"US": S, "FR": OP, "RU": S})
    return CoordinationTopic("am", "Additive manufacturing", proposals=[wa, mtcr])


def test_coordination_set_and_divergences() -> None:
    t = topic()
    seats = coordination_set(t, MEMBERS, ON)
    assert seats == {"BR": (Regime.MTCR,), "FR": (Regime.WA, Regime.MTCR), "IN": (Regime.WA,),
                     "RU": (Regime.WA, Regime.MTCR), "US": (Regime.WA, Regime.MTCR)}
    found = {d.state: d for d in divergences(t, MEMBERS, ON)}
    assert set(found) == {"FR", "RU"}
    assert found["RU"].positions == (("wa-am", Stage.THREAT, B), ("mtcr-am", Stage.THREAT, S))
    assert found["RU"].conflicting and found["FR"].conflicting


def test_what_if() -> None:
    t = topic()
    results = what_if(t, MEMBERS, parse_overrides("RU=support, FR=support,BR=no-position"), ON)
    assert [(r.before.status, r.after.status, r.newly_reached) for r in results] == [
        (ConsensusStatus.BLOCKED, ConsensusStatus.REACHED, True),
        (ConsensusStatus.BLOCKED, ConsensusStatus.REACHED, True),
    ]
    partial = what_if(t, MEMBERS, parse_overrides("RU=support"), ON)
    assert [r.after.status for r in partial] == [ConsensusStatus.REACHED, ConsensusStatus.BLOCKED]
    assert t.proposals[0].current_positions(Stage.THREAT)["RU"].kind == B, "what-if must not change the proposal"
    with pytest.raises(WorkspaceError, match="what-if 'RU' is not STATE=POSITION"):
        parse_overrides("RU")


def test_what_if_refuses_a_state_outside_every_regime_of_the_topic() -> None:
    import datetime as dt

    import pytest

    from interregime.domain.consensus import CoordinationTopic, what_if
    from interregime.domain.proposals import PositionKind, WorkspaceError
    from interregime.domain.regimes import Membership, Regime, State

    memberships = [Membership(State("FR", "France"), Regime.WA, joined=1996)]
    topic = CoordinationTopic("t", "topic", "", [])
    with pytest.raises(WorkspaceError, match="KP, not participating"):
        what_if(topic, memberships, {"KP": PositionKind.SUPPORT}, dt.date(2025, 1, 1))
