"""The corpus a benchmark runs on: a given database, or the five lists built into a temporary SQLite file."""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from interregime.ingest.build import build
from interregime.storage.database import create_engine, upgrade

LISTS = ["eu-annex-i", "us-ccl", "wassenaar", "in-scomet", "no-list-ii"]
REPO = Path(__file__).resolve().parents[1]


def corpus_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """--database URL (a built corpus) and --sources DIR (to build one into a temporary file)."""
    parser.add_argument("--database")
    parser.add_argument("--sources", type=Path, default=REPO.parent / "shared" / "data" / "raw")
    return parser


@contextmanager
def opened_corpus(args: argparse.Namespace, prefix: str) -> Iterator[sa.Engine]:
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        engine = corpus_engine(args.database, args.sources, Path(folder))
        try:
            yield engine
        finally:
            engine.dispose()


def corpus_engine(database: str | None, sources: Path, folder: Path) -> sa.Engine:
    if database:
        return create_engine(database)
    engine = create_engine(f"sqlite:///{folder / 'corpus.sqlite'}")
    upgrade(engine)
    build(engine, sources, only=LISTS)
    return engine
