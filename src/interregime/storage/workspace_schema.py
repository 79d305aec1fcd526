"""Tables of the consensus workspace: topics, proposals, their versions, stage transitions and positions.

Positions and versions are append-only; ``proposals.revision`` is the optimistic-locking counter that every
edit of a proposal checks and increments.
"""

from __future__ import annotations

import sqlalchemy as sa

from interregime.storage.schema import metadata

coordination_topics = sa.Table(
    "coordination_topics",
    metadata,
    sa.Column("id", sa.String(60), primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("technology", sa.Text, nullable=False),
    sa.Column("description", sa.Text, nullable=False),
)

proposals = sa.Table(
    "proposals",
    metadata,
    sa.Column("id", sa.String(60), primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("regime", sa.String(8), nullable=False),
    sa.Column("technology", sa.Text, nullable=False),
    sa.Column("created", sa.Date, nullable=False),
    sa.Column("originating_states", sa.JSON, nullable=False),
    sa.Column("topic_id", sa.ForeignKey("coordination_topics.id"), index=True),
    sa.Column("stage", sa.String(20), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
)

proposal_versions = sa.Table(
    "proposal_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("proposal_id", sa.ForeignKey("proposals.id", ondelete="CASCADE"), nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("list_entries", sa.JSON, nullable=False),
    sa.Column("parameters", sa.JSON, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.UniqueConstraint("proposal_id", "number", name="uq_proposal_versions_proposal_number"),
)

stage_transitions = sa.Table(
    "stage_transitions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("proposal_id", sa.ForeignKey("proposals.id", ondelete="CASCADE"), nullable=False),
    sa.Column("sequence", sa.Integer, nullable=False),
    sa.Column("from_stage", sa.String(20), nullable=False),
    sa.Column("to_stage", sa.String(20), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("outcome", sa.Text, nullable=False),
    sa.Column("parameters", sa.JSON, nullable=False),
    sa.UniqueConstraint("proposal_id", "sequence", name="uq_stage_transitions_proposal_sequence"),
)

proposal_positions = sa.Table(
    "proposal_positions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("proposal_id", sa.ForeignKey("proposals.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("state_code", sa.String(8), nullable=False),
    sa.Column("stage", sa.String(20), nullable=False),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("recorded_at", sa.DateTime, nullable=False),
)
