"""The ``parameters`` table: thresholds extracted from stored items, deleted with their item."""

from __future__ import annotations

import sqlalchemy as sa

from interregime.storage.schema import metadata

parameters = sa.Table(
    "parameters",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("item_id", sa.ForeignKey("items.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("parent_position", sa.Integer),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("note_label", sa.Text, nullable=False, server_default=""),
    sa.Column("characteristic", sa.Text, nullable=False),
    sa.Column("comparator", sa.String(8), nullable=False),
    sa.Column("value", sa.Float),
    sa.Column("low", sa.Float),
    sa.Column("high", sa.Float),
    sa.Column("low_inclusive", sa.Boolean, nullable=False),
    sa.Column("high_inclusive", sa.Boolean, nullable=False),
    sa.Column("unit", sa.String(80), nullable=False),
    sa.Column("si_value", sa.Float),
    sa.Column("si_low", sa.Float),
    sa.Column("si_high", sa.Float),
    sa.Column("si_unit", sa.String(80), nullable=False),
    sa.Column("qualifier", sa.Text, nullable=False),
    sa.Column("defined_term", sa.Text),
    sa.Column("source_text", sa.Text, nullable=False),
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
)
