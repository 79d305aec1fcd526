"""The semantic similarity feature: entry vectors and best item cosines on hand-made vectors, the
lexical fallback without the dense model, and its effect on the real corpus."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from interregime.analytics.overlaps import detect
from interregime.analytics.overlaps.evaluation import recall_at_k, referenced_pairs
from interregime.analytics.overlaps.semantic import (
    FALLBACK_NOTICE,
    best_item_cosines,
    entry_vectors,
    optional_semantic_similarity,
    semantic_similarity,
)
from interregime.analytics.search import dense
from interregime.domain.corpus import EditionContent
from tests.analytics.overlap_corpus import contents


class FixedVectors:
    """Stands in for the embedding store: each known text has a fixed unit vector."""

    def __init__(self, table: dict[str, np.ndarray]) -> None:
        self.table = table
        self.asked: list[str] = []

    def vectors(self, texts: list[str]) -> np.ndarray:
        self.asked.extend(texts)
        return np.stack([self.table[text] for text in texts]).astype(np.float32)


def _axis(index: int, size: int = dense.DIMENSION) -> np.ndarray:
    vector = np.zeros(size, dtype=np.float32)
    vector[index] = 1.0
    return vector


def test_best_item_cosines_take_the_best_line_pair_and_skip_units_without_lines() -> None:
    lines = np.stack([_axis(0, 3), _axis(1, 3), _axis(1, 3), np.array([0.6, 0.0, 0.8], dtype=np.float32)])
    owners = np.array([0, 0, 2, 3])
    best = best_item_cosines(lines, owners, 4)
    assert best[0, 2] == pytest.approx(1.0) and best[2, 0] == pytest.approx(1.0)
    assert best[0, 3] == pytest.approx(0.6) and best[2, 3] == pytest.approx(0.0)
    assert not best[1].any() and not best[:, 1].any()


def test_entry_vectors_average_lines_and_add_the_heading() -> None:
    lines = np.stack([_axis(0, 3), _axis(1, 3)])
    headings = np.stack([_axis(2, 3), np.zeros(3, dtype=np.float32)])
    vectors = entry_vectors(lines, np.array([0, 0]), headings)
    assert np.allclose(np.linalg.norm(vectors[0]), 1.0)
    expected = np.array([2 ** -0.5, 2 ** -0.5, 1.0])
    assert np.allclose(vectors[0], expected / np.linalg.norm(expected), atol=1e-6)
    assert not vectors[1].any()


def test_semantic_similarity_reads_each_distinct_text_once() -> None:
    table = {"steel tubes": _axis(0), "maraging steel": _axis(0) * 0.8 + _axis(1) * 0.6, "valves": _axis(2),
             "tubes": _axis(0), "valves and pumps": _axis(3)}
    store = FixedVectors(table)
    similarity = semantic_similarity(["steel tubes", "maraging steel", "valves", "steel tubes"],
                                     np.array([0, 0, 1, 2]), ["tubes", "valves and pumps", ""], store)
    assert sorted(store.asked) == sorted(table)
    assert similarity.items[0, 2] == pytest.approx(1.0) and similarity.items[0, 1] == pytest.approx(0.0)
    assert similarity.entry[0, 2] > similarity.entry[0, 1]
    assert np.allclose(similarity.entry, similarity.entry.T) and np.allclose(np.diag(similarity.entry), 1.0)


def test_without_the_dense_model_a_one_line_notice_and_no_semantic_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dense, "available", lambda: False)
    notices = io.StringIO()
    assert optional_semantic_similarity(["steel tubes"], np.array([0]), ["tubes"], notices) is None
    assert notices.getvalue() == FALLBACK_NOTICE + "\n"


@pytest.fixture(scope="module")
def corpus(sources_dir: Path) -> list[EditionContent]:
    return list(contents(sources_dir).values())


@pytest.mark.slow
def test_detector_falls_back_to_the_lexical_score(corpus: list[EditionContent], monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    lexical = detect(corpus, ignore_xrefs=True, classify_pairs=False, semantic=False)
    assert lexical.features.semantic is None
    capsys.readouterr()
    monkeypatch.setattr(dense, "available", lambda: False)
    fallback = detect(corpus, ignore_xrefs=True, classify_pairs=False, semantic=True)
    assert fallback.features.semantic is None and np.array_equal(fallback.scores, lexical.scores)
    assert capsys.readouterr().err.splitlines() == [FALLBACK_NOTICE]


@pytest.mark.slow
@pytest.mark.skipif(not dense.available(), reason="dense model not installed")
def test_semantic_feature_raises_recall_of_the_references(corpus: list[EditionContent]) -> None:
    lexical = detect(corpus, ignore_xrefs=True, classify_pairs=False, semantic=False)
    semantic = detect(corpus, ignore_xrefs=True, classify_pairs=False, semantic=True)
    assert semantic.features.semantic is not None
    assert not np.allclose(semantic.scores, lexical.scores)
    truth = referenced_pairs(corpus, semantic.units)
    assert recall_at_k(semantic.scores, semantic.units, truth).value > \
        recall_at_k(lexical.scores, lexical.units, truth).value
    eu = referenced_pairs([c for c in corpus if c.control_list.id == "eu-annex-i"], semantic.units)
    assert recall_at_k(semantic.scores, semantic.units, eu).value >= 0.88
