"""Shared fixtures: the real sources folder and a database per test (SQLite, or PostgreSQL)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from interregime.storage.database import create_engine, upgrade

REPO = Path(__file__).resolve().parents[1]
POSTGRES_ENV = "INTERREGIME_TEST_POSTGRES_URL"


def _sources() -> Path:
    value = os.environ.get("INTERREGIME_SOURCES")
    return Path(value) if value else REPO.parent / "shared" / "data" / "raw"


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    path = _sources()
    if not path.is_dir():
        pytest.skip(f"sources folder {path} not found (set INTERREGIME_SOURCES)")
    return path


def _backends() -> list[str]:
    return ["sqlite", "postgresql"]


@pytest.fixture(params=_backends())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database: a SQLite file, or a new schema on the PostgreSQL test server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"PostgreSQL tests skipped: {POSTGRES_ENV} is not set")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[sa.Engine]:
    engine = create_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()
