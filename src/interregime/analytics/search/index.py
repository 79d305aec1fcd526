"""The search index of the whole corpus, built once and cached on disk under the user cache
directory, in a folder named by a fingerprint of the corpus (each edition's source hash and counts,
the database schema revision and this index's format); a changed corpus gets a new folder."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy as sa
from platformdirs import user_cache_dir

from interregime.analytics.search import dense
from interregime.analytics.search.documents import ItemDocument, edition_documents
from interregime.analytics.search.embeddings import EmbeddingStore
from interregime.analytics.search.lexical import LexicalIndex
from interregime.analytics.search.quantities import Threshold, item_thresholds
from interregime.domain.codes import entry_code, to_eu_style
from interregime.storage import corpus_store

INDEX_FORMAT = 5
CACHE_ENV = "INTERREGIME_CACHE_DIR"
_KEEP_INDEXES = 3


@dataclass(slots=True)
class SearchIndex:
    documents: list[ItemDocument]
    lexical: LexicalIndex
    thresholds: list[list[Threshold]]
    links: dict[str, list[str]]
    vectors: dense.Vectors | None = None
    timings: dict[str, float] = field(default_factory=dict)
    fingerprint: str = ""
    groups: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.groups:
            for position, document in enumerate(self.documents):
                self.groups.setdefault(document.group, []).append(position)


def cache_root() -> Path:
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else Path(user_cache_dir("interregime", appauthor=False))


def _schema_revision(engine: sa.Engine) -> str:
    try:
        with engine.connect() as conn:
            return str(conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() or "")
    except sa.exc.SQLAlchemyError:
        return ""


def fingerprint(engine: sa.Engine) -> str:
    summaries = corpus_store.list_editions(engine)
    if not summaries:
        raise LookupError("the database holds no control lists; run `interregime build` first")
    newest = {summary.list_id: summary for summary in summaries}
    parts: list[object] = [INDEX_FORMAT, _schema_revision(engine)]
    parts.extend(
        [s.list_id, s.date.isoformat(), s.sha256, s.entries, s.items, s.notes, s.definitions, s.cross_references]
        for s in sorted(newest.values(), key=lambda summary: summary.list_id)
    )
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:24]


def _cross_links(engine: sa.Engine, list_ids: list[str], documents: list[ItemDocument]) -> dict[str, list[str]]:
    """Result groups that a group's entries point to (``see also``, ``other than``...), by group key."""
    group_of: dict[tuple[str, str], str] = {(d.list_id, d.entry_code): d.group for d in documents}
    links: dict[str, set[str]] = {}
    for list_id in list_ids:
        content = corpus_store.load_edition(engine, list_id, codes=[])
        for reference in content.cross_references:
            target_list = reference.to_list or list_id
            source = group_of.get((list_id, entry_code(reference.from_code)))
            target_code = entry_code(reference.to_code)
            target = group_of.get((target_list, target_code)) or group_of.get((target_list, to_eu_style(target_code)))
            if source and target and source != target:
                links.setdefault(source, set()).add(target)
    return {key: sorted(value) for key, value in links.items()}


class _Stopwatch:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = now - self._last
        self._last = now


def build_index(engine: sa.Engine, with_dense: bool = True) -> SearchIndex:
    """Seconds spent on each step land in ``timings`` (documents, bm25, parameters, links, dense)."""
    watch = _Stopwatch()
    list_ids = corpus_store.list_ids(engine)
    documents: list[ItemDocument] = []
    for list_id in list_ids:
        documents.extend(edition_documents(corpus_store.load_edition(engine, list_id)))
    watch.lap("documents")
    lexical = LexicalIndex.build(documents)
    watch.lap("bm25")
    thresholds = [item_thresholds(document.text, document.list_id) for document in documents]
    watch.lap("parameters")
    links = _cross_links(engine, list_ids, documents)
    watch.lap("links")
    vectors = encode_documents(documents) if with_dense and dense.available() else None
    if vectors is not None:
        watch.lap("dense")
    return SearchIndex(documents, lexical, thresholds, links, vectors, watch.timings)


def encode_documents(documents: list[ItemDocument]) -> dense.Vectors:
    """Embeddings of every document, composed from the embeddings of its short parts: the line, plus
    the mean of its parent lines and the entry heading, each with weight one, then unit length.
    Encoding each distinct line once (rather than every line with its parents) reads about a third
    of the tokens; equal texts are encoded once, and texts already encoded for an earlier corpus
    come from the embedding store."""
    parts = [document.dense_parts() for document in documents]
    texts = list(dict.fromkeys(text for line, parents, heading in parts for text in (line, *parents, heading) if text))
    store = EmbeddingStore(cache_root() / "search" / "embeddings")
    encoded = store.vectors(texts)
    row = {text: position for position, text in enumerate(texts)}
    composed = np.zeros((len(documents), dense.DIMENSION), dtype=np.float32)
    for position, (line, parents, heading) in enumerate(parts):
        vector = encoded[row[line]].copy() if line else np.zeros(dense.DIMENSION, dtype=np.float32)
        if parents:
            vector += encoded[[row[parent] for parent in parents]].mean(axis=0)
        if heading:
            vector += encoded[row[heading]]
        composed[position] = vector / max(float(np.linalg.norm(vector)), 1e-12)
    return composed


def save_index(index: SearchIndex, folder: Path) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=folder.parent))
    try:
        index.lexical.save(staging / "bm25")
        manifest: dict[str, Any] = {
            "format": INDEX_FORMAT, "fingerprint": index.fingerprint, "timings": index.timings,
            "dense": index.vectors is not None, "links": index.links,
            "documents": [asdict(document) for document in index.documents],
            "thresholds": [[t.to_json() for t in item] for item in index.thresholds],
        }
        (staging / "index.json").write_text(json.dumps(manifest), encoding="utf-8")
        if index.vectors is not None:
            np.save(staging / "vectors.npy", index.vectors.astype(np.float16))
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def load_index(folder: Path) -> SearchIndex:
    manifest = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    if manifest.get("format") != INDEX_FORMAT:
        raise ValueError(f"search index at {folder} has an old format")
    vectors_file = folder / "vectors.npy"
    vectors = np.load(vectors_file).astype(np.float32) if vectors_file.exists() else None
    return SearchIndex(
        documents=[ItemDocument(**{**record, "parents": tuple(record["parents"])}) for record in manifest["documents"]],
        lexical=LexicalIndex.load(folder / "bm25"),
        thresholds=[[Threshold.from_json(t) for t in item] for item in manifest["thresholds"]],
        links={key: list(value) for key, value in manifest["links"].items()},
        vectors=vectors,
        timings={key: float(value) for key, value in manifest["timings"].items()},
        fingerprint=str(manifest["fingerprint"]),
    )


def _prune(root: Path, keep: Path) -> None:
    folders = sorted((p for p in root.iterdir()
                      if p.is_dir() and p != keep and p.name != "embeddings" and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in folders[_KEEP_INDEXES - 1:]:
        shutil.rmtree(stale, ignore_errors=True)


def open_index(engine: sa.Engine, with_dense: bool = True) -> SearchIndex:
    """The cached index of the corpus in ``engine``, built (and saved) when the corpus has changed."""
    key = fingerprint(engine)
    root = cache_root() / "search"
    folder = root / key
    if (folder / "index.json").exists():
        try:
            index = load_index(folder)
            if index.vectors is not None or not with_dense or not dense.available():
                return index
        except (OSError, ValueError, KeyError, TypeError):
            pass
    index = build_index(engine, with_dense)
    index.fingerprint = key
    save_index(index, folder)
    _prune(root, folder)
    return index
