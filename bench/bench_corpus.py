"""The corpus a benchmark runs on: a given database, or the five lists built into a temporary SQLite file."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from interregime.ingest.build import build
from interregime.storage.database import create_engine, upgrade

LISTS = ["eu-annex-i", "us-ccl", "wassenaar", "in-scomet", "no-list-ii"]


def corpus_engine(database: str | None, sources: Path, folder: Path) -> sa.Engine:
    if database:
        return create_engine(database)
    engine = create_engine(f"sqlite:///{folder / 'corpus.sqlite'}")
    upgrade(engine)
    build(engine, sources, only=LISTS)
    return engine
