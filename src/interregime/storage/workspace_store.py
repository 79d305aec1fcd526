"""Saving and loading the consensus workspace.

Concurrency: positions are append-only rows (a state's current position is its latest row), so concurrent
writers never overwrite each other. Edits of a proposal (a new version, a stage transition) are guarded by
optimistic locking: the UPDATE increments ``revision`` only where it still equals the revision the caller
read, and a stale write raises :class:`ConflictError` without changing anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from interregime.domain.consensus import CoordinationTopic
from interregime.domain.proposal_codec import parameter_from_record, parameter_record
from interregime.domain.proposals import (
    ListEntryRef,
    Position,
    PositionKind,
    Proposal,
    ProposalVersion,
    Stage,
    StageTransition,
)
from interregime.domain.regimes import Regime
from interregime.storage import workspace_schema as w


class ConflictError(ValueError):
    """The proposal changed since it was read; reload it and retry."""


class ProposalNotFoundError(LookupError):
    pass


def save_topic(engine: sa.Engine, topic: CoordinationTopic) -> None:
    """Create the topic, or update its title, technology and description."""
    values = {"title": topic.title, "technology": topic.technology, "description": topic.description}
    with engine.begin() as conn:
        updated = conn.execute(
            sa.update(w.coordination_topics).where(w.coordination_topics.c.id == topic.id).values(**values)
        )
        if updated.rowcount == 0:
            conn.execute(sa.insert(w.coordination_topics).values(id=topic.id, **values))


def _version_row(proposal_id: str, version: ProposalVersion) -> dict[str, Any]:
    return {
        "proposal_id": proposal_id,
        "number": version.number,
        "date": version.date,
        "description": version.description,
        "list_entries": [{"list_id": e.list_id, "code": e.code} for e in version.list_entries],
        "parameters": [parameter_record(p) for p in version.parameters],
        "note": version.note,
    }


def _transition_row(proposal_id: str, sequence: int, transition: StageTransition) -> dict[str, Any]:
    return {
        "proposal_id": proposal_id,
        "sequence": sequence,
        "from_stage": transition.from_stage.value,
        "to_stage": transition.to_stage.value,
        "date": transition.date,
        "outcome": transition.outcome,
        "parameters": [parameter_record(p) for p in transition.parameters],
    }


def _position_rows(proposal_id: str, positions: Iterable[Position]) -> list[dict[str, Any]]:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return [
        {"proposal_id": proposal_id, "state_code": p.state, "stage": p.stage.value, "kind": p.kind.value,
         "date": p.date, "reason": p.reason, "recorded_at": now}
        for p in positions
    ]


def create_proposal(engine: sa.Engine, proposal: Proposal) -> None:
    """Store a new proposal with its versions, transitions and positions; its revision becomes 1."""
    try:
        with engine.begin() as conn:
            conn.execute(sa.insert(w.proposals).values(
                id=proposal.id, title=proposal.title, regime=proposal.regime.value,
                technology=proposal.technology, created=proposal.created,
                originating_states=list(proposal.originating_states), topic_id=proposal.topic,
                stage=proposal.stage.value, revision=1,
            ))
            conn.execute(sa.insert(w.proposal_versions), [_version_row(proposal.id, v) for v in proposal.versions])
            if proposal.transitions:
                conn.execute(sa.insert(w.stage_transitions),
                             [_transition_row(proposal.id, i + 1, t) for i, t in enumerate(proposal.transitions)])
            if proposal.positions:
                conn.execute(sa.insert(w.proposal_positions), _position_rows(proposal.id, proposal.positions))
    except sa.exc.IntegrityError:
        with engine.connect() as conn:
            if _exists(conn, w.proposals, proposal.id):
                raise ValueError(f"proposal {proposal.id} already exists") from None
            if proposal.topic is not None and not _exists(conn, w.coordination_topics, proposal.topic):
                raise LookupError(f"no coordination topic {proposal.topic!r}") from None
        raise
    proposal.revision = 1


def _exists(conn: sa.Connection, table: sa.Table, key: str) -> bool:
    return conn.execute(sa.select(table.c.id).where(table.c.id == key)).first() is not None


def _bump(conn: sa.Connection, proposal_id: str, expected_revision: int, stage: Stage | None = None) -> int:
    values: dict[str, Any] = {"revision": w.proposals.c.revision + 1}
    if stage is not None:
        values["stage"] = stage.value
    result = conn.execute(
        sa.update(w.proposals)
        .where(w.proposals.c.id == proposal_id, w.proposals.c.revision == expected_revision)
        .values(**values)
    )
    if result.rowcount == 1:
        return expected_revision + 1
    current = conn.execute(sa.select(w.proposals.c.revision).where(w.proposals.c.id == proposal_id)).scalar()
    if current is None:
        raise ProposalNotFoundError(f"no proposal {proposal_id!r}")
    raise ConflictError(
        f"proposal {proposal_id} was changed by someone else (revision {current}, you edited revision "
        f"{expected_revision}); reload it and retry"
    )


def append_version(engine: sa.Engine, proposal_id: str, version: ProposalVersion, expected_revision: int) -> int:
    """Append ``version`` if the proposal is still at ``expected_revision``; returns the new revision."""
    with engine.begin() as conn:
        revision = _bump(conn, proposal_id, expected_revision)
        conn.execute(sa.insert(w.proposal_versions).values(**_version_row(proposal_id, version)))
    return revision


def record_transition(engine: sa.Engine, proposal_id: str, transition: StageTransition, expected_revision: int) -> int:
    """Record a stage transition if the proposal is still at ``expected_revision``; returns the new revision."""
    with engine.begin() as conn:
        revision = _bump(conn, proposal_id, expected_revision, transition.to_stage)
        sequence = conn.execute(
            sa.select(sa.func.count()).select_from(w.stage_transitions)
            .where(w.stage_transitions.c.proposal_id == proposal_id)
        ).scalar_one()
        conn.execute(sa.insert(w.stage_transitions).values(**_transition_row(proposal_id, sequence + 1, transition)))
    return revision


def record_positions(engine: sa.Engine, proposal_id: str, positions: Sequence[Position]) -> None:
    """Append positions (never overwriting: the latest row per state and stage is the current position).

    Writes first and reads only on failure, so that SQLite takes its write lock at the first statement."""
    if not positions:
        return
    try:
        with engine.begin() as conn:
            conn.execute(sa.insert(w.proposal_positions), _position_rows(proposal_id, positions))
    except sa.exc.IntegrityError:
        raise ProposalNotFoundError(f"no proposal {proposal_id!r}") from None


def link(engine: sa.Engine, topic_id: str, proposal_ids: Sequence[str]) -> None:
    """Place the proposals in the coordination topic (each proposal belongs to at most one topic)."""
    try:
        with engine.begin() as conn:
            for proposal_id in proposal_ids:
                result = conn.execute(
                    sa.update(w.proposals).where(w.proposals.c.id == proposal_id)
                    .values(topic_id=topic_id, revision=w.proposals.c.revision + 1)
                )
                if result.rowcount == 0:
                    raise ProposalNotFoundError(f"no proposal {proposal_id!r}")
    except sa.exc.IntegrityError:
        raise LookupError(f"no coordination topic {topic_id!r}") from None


def _load(conn: sa.Connection, where: sa.ColumnElement[bool] | None) -> list[Proposal]:
    query = sa.select(w.proposals).order_by(w.proposals.c.id)
    if where is not None:
        query = query.where(where)
    proposals = {
        row.id: Proposal(
            id=row.id, title=row.title, regime=Regime(row.regime), technology=row.technology, created=row.created,
            originating_states=tuple(row.originating_states), topic=row.topic_id, revision=row.revision,
        )
        for row in conn.execute(query)
    }
    if not proposals:
        return []
    ids = list(proposals)
    v = w.proposal_versions
    for row in conn.execute(sa.select(v).where(v.c.proposal_id.in_(ids)).order_by(v.c.proposal_id, v.c.number)):
        proposals[row.proposal_id].versions.append(ProposalVersion(
            number=row.number, date=row.date, description=row.description,
            list_entries=tuple(ListEntryRef(e["list_id"], e["code"]) for e in row.list_entries),
            parameters=tuple(parameter_from_record(p, "parameters") for p in row.parameters),
            note=row.note,
        ))
    t = w.stage_transitions
    for row in conn.execute(sa.select(t).where(t.c.proposal_id.in_(ids)).order_by(t.c.proposal_id, t.c.sequence)):
        proposals[row.proposal_id].transitions.append(StageTransition(
            Stage(row.from_stage), Stage(row.to_stage), row.date, row.outcome,
            tuple(parameter_from_record(p, "parameters") for p in row.parameters),
        ))
    p = w.proposal_positions
    for row in conn.execute(sa.select(p).where(p.c.proposal_id.in_(ids)).order_by(p.c.id)):
        proposals[row.proposal_id].positions.append(
            Position(row.state_code, Stage(row.stage), PositionKind(row.kind), row.date, row.reason)
        )
    return list(proposals.values())


def load_proposal(engine: sa.Engine, proposal_id: str) -> Proposal:
    with engine.connect() as conn:
        found = _load(conn, w.proposals.c.id == proposal_id)
    if not found:
        raise ProposalNotFoundError(f"no proposal {proposal_id!r}")
    return found[0]


def list_proposals(engine: sa.Engine, topic: str | None = None, regime: Regime | None = None) -> list[Proposal]:
    conditions = []
    if topic is not None:
        conditions.append(w.proposals.c.topic_id == topic)
    if regime is not None:
        conditions.append(w.proposals.c.regime == regime.value)
    with engine.connect() as conn:
        return _load(conn, sa.and_(*conditions) if conditions else None)


def list_topics(engine: sa.Engine) -> list[CoordinationTopic]:
    """Every topic with its proposals."""
    with engine.connect() as conn:
        topics = {
            row.id: CoordinationTopic(row.id, row.title, row.technology, row.description)
            for row in conn.execute(sa.select(w.coordination_topics).order_by(w.coordination_topics.c.id))
        }
        for proposal in _load(conn, w.proposals.c.topic_id.is_not(None)):
            if proposal.topic in topics:
                topics[proposal.topic].proposals.append(proposal)
    return list(topics.values())


def load_topic(engine: sa.Engine, topic_id: str) -> CoordinationTopic:
    with engine.connect() as conn:
        row = conn.execute(sa.select(w.coordination_topics).where(w.coordination_topics.c.id == topic_id)).first()
        if row is None:
            raise LookupError(f"no coordination topic {topic_id!r}")
        topic = CoordinationTopic(row.id, row.title, row.technology, row.description)
        topic.proposals = _load(conn, w.proposals.c.topic_id == topic_id)
    return topic
