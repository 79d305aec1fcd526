"""Tables of the corpus. Alembic migrations under ``migrations/`` create exactly these."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

control_lists = sa.Table(
    "control_lists",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("authority", sa.String(40), nullable=False),
    sa.Column("regime", sa.String(8)),
)

editions = sa.Table(
    "editions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("list_id", sa.ForeignKey("control_lists.id"), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("source_file", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("source_url", sa.Text, nullable=False, server_default=""),
    sa.Column("built_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("list_id", "date", name="uq_editions_list_date"),
)

entries = sa.Table(
    "entries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("edition_id", sa.ForeignKey("editions.id", ondelete="CASCADE"), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("code", sa.String(40), nullable=False),
    sa.Column("eu_code", sa.String(40), nullable=False, server_default=""),
    sa.Column("heading", sa.Text, nullable=False),
    sa.Column("category", sa.String(8), nullable=False),
    sa.Column("regime", sa.String(8)),
    sa.Column("reasons", sa.JSON, nullable=False),
    sa.Column("flags", sa.JSON, nullable=False),
    sa.UniqueConstraint("edition_id", "code", name="uq_entries_edition_code"),
)

items = sa.Table(
    "items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("entry_id", sa.ForeignKey("entries.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("code", sa.String(80), nullable=False),
    sa.Column("parent", sa.String(80)),
    sa.Column("depth", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("native_code", sa.String(80), nullable=False, server_default=""),
    sa.Column("defined_terms", sa.JSON, nullable=False),
)

notes = sa.Table(
    "notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("item_id", sa.ForeignKey("items.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

native_codes = sa.Table(
    "native_codes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("entry_id", sa.ForeignKey("entries.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("regime", sa.String(8), nullable=False),
    sa.Column("code", sa.String(80), nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("date", sa.Date),
)

definitions = sa.Table(
    "definitions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("edition_id", sa.ForeignKey("editions.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("term", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("scope", sa.Text, nullable=False),
)

cross_references = sa.Table(
    "cross_references",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("edition_id", sa.ForeignKey("editions.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("from_code", sa.String(80), nullable=False),
    sa.Column("to_code", sa.String(80), nullable=False),
    sa.Column("to_list", sa.String(40), nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("edition_id", sa.ForeignKey("editions.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("kind", sa.String(60), nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

build_warnings = sa.Table(
    "build_warnings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source", sa.String(40), nullable=False, index=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("place", sa.Text, nullable=False),
    sa.Column("message", sa.Text, nullable=False),
)

states = sa.Table(
    "states",
    metadata,
    sa.Column("code", sa.String(8), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
)

memberships = sa.Table(
    "memberships",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("state_code", sa.ForeignKey("states.code"), nullable=False, index=True),
    sa.Column("regime", sa.String(8), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("joined", sa.Integer),
    sa.Column("left", sa.Integer),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
)
