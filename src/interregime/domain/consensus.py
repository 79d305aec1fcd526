"""Consensus on a proposal's stages, and across the proposals of one coordination topic.

Rule: the regimes decide by consensus, so a stage's consensus is *blocked* while any participant's current
position objects (``oppose`` or ``block``); it is *pending* while some participant has not spoken (silence is
not recorded as consent); otherwise it is *reached* (support, support with reservation and an explicit
"no position" all let consensus form). Only participants may speak: sovereign participants, and the EU in
the Australia Group; adherents and observers may not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from interregime.domain.proposals import (
    NotAParticipantError,
    Position,
    PositionKind,
    Proposal,
    Stage,
    WorkspaceError,
)
from interregime.domain.regimes import Membership, MembershipStatus, Regime


class ConsensusStatus(StrEnum):
    REACHED = "reached"
    BLOCKED = "blocked"
    PENDING = "pending"


def may_hold_positions(membership: Membership) -> bool:
    if membership.status != MembershipStatus.PARTICIPANT:
        return False
    return membership.state.is_sovereign or membership.regime == Regime.AG


def participants(memberships: Sequence[Membership], regime: Regime, on: dt.date) -> set[str]:
    """Codes of the states that may hold a position in ``regime`` on ``on`` (memberships are by year)."""
    return {
        m.state.code
        for m in memberships
        if m.regime == regime and may_hold_positions(m) and m.active_in(on.year)
    }


def check_position(proposal: Proposal, position: Position, memberships: Sequence[Membership]) -> None:
    """Raise unless ``position`` may be recorded on ``proposal``."""
    proposal.check_position_stage(position)
    if position.state not in participants(memberships, proposal.regime, position.date):
        raise NotAParticipantError(
            f"{position.state} is not a {proposal.regime.value} participant on {position.date}; "
            f"only participants may hold a position on proposal {proposal.id}"
        )


@dataclass(frozen=True, slots=True)
class StageConsensus:
    proposal_id: str
    regime: Regime
    stage: Stage
    status: ConsensusStatus
    participants: tuple[str, ...]
    objecting: tuple[Position, ...] = ()
    reservations: tuple[Position, ...] = ()
    supporting: tuple[str, ...] = ()
    abstaining: tuple[str, ...] = ()
    pending: tuple[str, ...] = ()

    @property
    def blocked_by(self) -> tuple[str, ...]:
        return tuple(p.state for p in self.objecting)


def evaluation_date(proposal: Proposal, stage: Stage, today: dt.date) -> dt.date:
    """A stage already left is judged with the participants of the day it was left; the current one today."""
    left = next((t.date for t in proposal.transitions if t.from_stage == stage), None)
    return left if left is not None else today


def stage_consensus(
    proposal: Proposal,
    stage: Stage,
    memberships: Sequence[Membership],
    on: dt.date,
    overrides: Mapping[str, PositionKind] | None = None,
) -> StageConsensus:
    """Consensus on ``stage`` among the participants on ``on``; ``overrides`` replace states' positions."""
    if stage.is_final:
        raise WorkspaceError(f"there is no consensus to reach on the final stage {stage.value}")
    members = sorted(participants(memberships, proposal.regime, on))
    held = proposal.current_positions(stage)
    for state, kind in (overrides or {}).items():
        if state in members:
            held[state] = Position(state, stage, kind, on, "what-if")
    spoken = {state: held[state] for state in members if state in held}
    objecting = tuple(p for p in spoken.values() if p.kind.objects)
    pending = tuple(state for state in members if state not in spoken)
    if objecting:
        status = ConsensusStatus.BLOCKED
    elif pending:
        status = ConsensusStatus.PENDING
    else:
        status = ConsensusStatus.REACHED
    return StageConsensus(
        proposal_id=proposal.id,
        regime=proposal.regime,
        stage=stage,
        status=status,
        participants=tuple(members),
        objecting=objecting,
        reservations=tuple(p for p in spoken.values() if p.kind == PositionKind.SUPPORT_WITH_RESERVATION),
        supporting=tuple(s for s, p in spoken.items() if p.kind == PositionKind.SUPPORT),
        abstaining=tuple(s for s, p in spoken.items() if p.kind == PositionKind.NO_POSITION),
        pending=pending,
    )


def proposal_consensus(proposal: Proposal, memberships: Sequence[Membership], today: dt.date) -> list[StageConsensus]:
    """Consensus on every working stage the proposal has reached."""
    return [
        stage_consensus(proposal, stage, memberships, evaluation_date(proposal, stage, today))
        for stage in proposal.reached_stages()
    ]


def check_can_advance(proposal: Proposal, target: Stage, memberships: Sequence[Membership], on: dt.date) -> None:
    """Advancing (not withdrawing) needs consensus on the current stage."""
    if target == Stage.WITHDRAWN or proposal.stage.is_final:
        return
    result = stage_consensus(proposal, proposal.stage, memberships, on)
    if result.status == ConsensusStatus.BLOCKED:
        raise WorkspaceError(
            f"proposal {proposal.id}: no consensus on {proposal.stage.value}; blocked by {', '.join(result.blocked_by)}"
        )
    if result.status == ConsensusStatus.PENDING:
        raise WorkspaceError(
            f"proposal {proposal.id}: no consensus on {proposal.stage.value} yet; "
            f"{len(result.pending)} participants have not spoken ({', '.join(result.pending[:8])}"
            f"{', ...' if len(result.pending) > 8 else ''})"
        )


@dataclass(slots=True)
class CoordinationTopic:
    """Proposals in several regimes about the same technology, to be agreed together."""

    id: str
    title: str
    technology: str = ""
    description: str = ""
    proposals: list[Proposal] = field(default_factory=list)

    @property
    def regimes(self) -> tuple[Regime, ...]:
        return tuple(dict.fromkeys(p.regime for p in self.proposals))


def coordination_set(
    topic: CoordinationTopic, memberships: Sequence[Membership], on: dt.date
) -> dict[str, tuple[Regime, ...]]:
    """Every state that must agree somewhere on the topic, with the regimes it sits in."""
    seats: dict[str, list[Regime]] = {}
    for regime in topic.regimes:
        for state in participants(memberships, regime, on):
            seats.setdefault(state, []).append(regime)
    return {state: tuple(regimes) for state, regimes in sorted(seats.items())}


@dataclass(frozen=True, slots=True)
class Divergence:
    """A state whose stance on the topic differs between proposals (``None``: it has not spoken there)."""

    state: str
    positions: tuple[tuple[str, Stage, PositionKind | None], ...]

    @property
    def conflicting(self) -> bool:
        """Supports in one regime while objecting in another."""
        kinds = [k for _, _, k in self.positions if k is not None]
        return any(k.objects for k in kinds) and any(not k.objects and k != PositionKind.NO_POSITION for k in kinds)


def divergences(topic: CoordinationTopic, memberships: Sequence[Membership], on: dt.date) -> list[Divergence]:
    """States participating in two or more of the topic's open proposals whose current positions differ."""
    open_proposals = [p for p in topic.proposals if not p.stage.is_final]
    found: list[Divergence] = []
    for state, regimes in coordination_set(topic, memberships, on).items():
        rows: list[tuple[str, Stage, PositionKind | None]] = []
        for proposal in open_proposals:
            if proposal.regime in regimes:
                position = proposal.current_positions(proposal.stage).get(state)
                rows.append((proposal.id, proposal.stage, position.kind if position else None))
        if len(rows) > 1 and len({kind for _, _, kind in rows}) > 1:
            found.append(Divergence(state, tuple(rows)))
    return found


@dataclass(frozen=True, slots=True)
class WhatIf:
    before: StageConsensus
    after: StageConsensus

    @property
    def newly_reached(self) -> bool:
        return self.before.status != ConsensusStatus.REACHED and self.after.status == ConsensusStatus.REACHED


def what_if(
    topic: CoordinationTopic,
    memberships: Sequence[Membership],
    overrides: Mapping[str, PositionKind],
    on: dt.date,
) -> list[WhatIf]:
    """Consensus on each open proposal's current stage, now and if the given states took the given positions.
    A state that takes part in none of the topic's regimes cannot move any stage: it is refused."""
    involved = coordination_set(topic, memberships, on)
    outsiders = sorted(set(overrides) - set(involved))
    if outsiders:
        raise WorkspaceError(f"what-if names {', '.join(outsiders)}, not participating in any regime of this topic")
    return [
        WhatIf(
            stage_consensus(proposal, proposal.stage, memberships, on),
            stage_consensus(proposal, proposal.stage, memberships, on, overrides),
        )
        for proposal in topic.proposals
        if not proposal.stage.is_final
    ]


def parse_overrides(text: str) -> dict[str, PositionKind]:
    """``"RU=support,CN=no position"`` → ``{"RU": SUPPORT, "CN": NO_POSITION}``."""
    overrides: dict[str, PositionKind] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        state, sep, kind = part.partition("=")
        if not sep or not state.strip():
            raise WorkspaceError(f"what-if {part.strip()!r} is not STATE=POSITION")
        overrides[state.strip().upper()] = PositionKind.parse(kind)
    return overrides
