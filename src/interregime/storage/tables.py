"""Imports every table module so that ``metadata`` knows the whole schema (for Alembic)."""

from interregime.storage import (
    parameter_schema,  # noqa: F401
    schema,
    workspace_schema,  # noqa: F401
)

metadata = schema.metadata
