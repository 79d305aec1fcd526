"""Semantic similarity of units from sentence embeddings of the same cleaned item lines the lexical
scores read (codes and, in ignore-xrefs mode, reference clauses already stripped).

Two unit × unit matrices: the cosine of entry vectors (the mean of the entry's line vectors plus its
heading vector) and, per pair, the best cosine between an item line of one and an item line of the
other. The embeddings come from the optional MiniLM encoder of the search package and are cached on
disk with the search embeddings, so a line encoded once (by search or by an earlier detection) is not
encoded again. Without the model both matrices are absent and the detector scores by text alone."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TextIO

import numpy as np

from interregime.analytics.search import dense
from interregime.analytics.search.embeddings import EmbeddingStore
from interregime.analytics.search.index import cache_root

FALLBACK_NOTICE = "overlaps: dense model not installed; scoring by lexical similarity only"


class VectorSource(Protocol):
    def vectors(self, texts: list[str]) -> dense.Vectors: ...


@dataclass(frozen=True)
class SemanticSimilarity:
    entry: np.ndarray
    items: np.ndarray


def embedding_store() -> EmbeddingStore:
    return EmbeddingStore(cache_root() / "search" / "embeddings")


def _unit_length(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.asarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


def entry_vectors(line_vectors: np.ndarray, line_unit: np.ndarray, heading_vectors: np.ndarray) -> np.ndarray:
    """Unit-length mean of each unit's line vectors, plus its heading vector with the same weight."""
    size = heading_vectors.shape[0]
    sums = np.zeros((size, line_vectors.shape[1]), dtype=np.float32)
    np.add.at(sums, line_unit, line_vectors)
    counts = np.bincount(line_unit, minlength=size).astype(np.float32)[:, None]
    means = _unit_length(sums / np.maximum(counts, 1.0))
    return _unit_length(means + heading_vectors)


def best_item_cosines(line_vectors: np.ndarray, line_unit: np.ndarray, size: int) -> np.ndarray:
    """Unit × unit maximum over their item lines' cosines; 0 where a unit has no line. ``line_unit``
    must be sorted, as the lines of one unit are contiguous."""
    result = np.zeros((size, size), dtype=np.float32)
    if not len(line_unit):
        return result
    owners, starts = np.unique(line_unit, return_index=True)
    lines = line_vectors @ line_vectors.T
    by_row = np.maximum.reduceat(lines, starts, axis=0)
    both = np.maximum.reduceat(by_row, starts, axis=1)
    result[np.ix_(owners, owners)] = both
    return result


def semantic_similarity(lines: Sequence[str], line_unit: np.ndarray, headings: Sequence[str],
                        store: VectorSource | None = None) -> SemanticSimilarity:
    """Both matrices for units with these cleaned ``lines`` (owner of each in ``line_unit``, sorted)
    and cleaned ``headings`` (one per unit; an empty heading contributes nothing)."""
    texts = list(dict.fromkeys(text for text in (*lines, *headings) if text))
    source: VectorSource = store or embedding_store()
    encoded = source.vectors(texts) if texts else np.zeros((0, dense.DIMENSION), dtype=np.float32)
    row = {text: position for position, text in enumerate(texts)}
    line_vectors = np.asarray(encoded[[row[text] for text in lines]], dtype=np.float32).reshape(-1, dense.DIMENSION)
    heading_vectors = np.zeros((len(headings), dense.DIMENSION), dtype=np.float32)
    for position, heading in enumerate(headings):
        if heading:
            heading_vectors[position] = encoded[row[heading]]
    vectors = entry_vectors(line_vectors, line_unit, heading_vectors)
    return SemanticSimilarity(
        entry=np.asarray(vectors @ vectors.T, dtype=np.float64),
        items=best_item_cosines(line_vectors, line_unit, len(headings)).astype(np.float64),
    )


def optional_semantic_similarity(lines: Sequence[str], line_unit: np.ndarray, headings: Sequence[str],
                                 notices: TextIO | None = None) -> SemanticSimilarity | None:
    """``semantic_similarity``, or None with a one-line notice when the dense model is not installed."""
    if not dense.available():
        print(FALLBACK_NOTICE, file=notices or sys.stderr)
        return None
    return semantic_similarity(lines, line_unit, headings)
