"""The real corpus (all five lists) built once per test session into a temporary SQLite file, for the
overlap, concordance and analysis-CLI tests."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

import sqlalchemy as sa

from interregime.domain.corpus import EditionContent
from interregime.ingest.build import build
from interregime.storage import corpus_store
from interregime.storage.database import create_engine, upgrade

LISTS = ("eu-annex-i", "us-ccl", "wassenaar", "in-scomet", "no-list-ii")


@functools.cache
def corpus_url(sources_dir: Path) -> str:
    folder = Path(tempfile.mkdtemp(prefix="interregime-overlaps-"))
    atexit.register(shutil.rmtree, folder, True)
    url = f"sqlite:///{folder / 'corpus.sqlite'}"
    engine = create_engine(url)
    upgrade(engine)
    build(engine, sources_dir, only=list(LISTS))
    engine.dispose()
    return url


@functools.cache
def engine_for(sources_dir: Path) -> sa.Engine:
    return create_engine(corpus_url(sources_dir))


@functools.cache
def contents(sources_dir: Path) -> dict[str, EditionContent]:
    engine = engine_for(sources_dir)
    return {list_id: corpus_store.load_edition(engine, list_id) for list_id in corpus_store.list_ids(engine)}
