"""Imports every table module so that ``metadata`` knows the whole schema (for Alembic)."""

from interregime.storage import schema

metadata = schema.metadata
