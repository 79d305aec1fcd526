"""The brute-force reference: the same text scores computed pair by pair in plain Python loops,
to check the vectorised detector and to measure what vectorising buys."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from interregime.analytics.overlaps.similarity import Features, Weights


def _rows(matrix: sparse.csr_matrix) -> list[dict[int, float]]:
    return [
        dict(zip(matrix.indices[matrix.indptr[i]:matrix.indptr[i + 1]].tolist(),
                 matrix.data[matrix.indptr[i]:matrix.indptr[i + 1]].tolist(), strict=True))
        for i in range(matrix.shape[0])
    ]


def _dot(first: dict[int, float], second: dict[int, float]) -> float:
    if len(first) > len(second):
        first, second = second, first
    return sum(value * second.get(term, 0.0) for term, value in first.items())


def pairwise_cosines(matrix: sparse.csr_matrix) -> np.ndarray:
    rows = _rows(matrix)
    size = len(rows)
    result = np.zeros((size, size))
    for i in range(size):
        for j in range(i, size):
            result[i, j] = result[j, i] = _dot(rows[i], rows[j])
    return result


def brute_force_scores(features: Features, weights: Weights | None = None,
                       members: Sequence[int] | None = None) -> np.ndarray:
    """Combined scores with every cosine recomputed by a pairwise loop (optionally over ``members``)."""
    chosen = list(members) if members is not None else list(range(features.document.shape[0]))
    w = weights or Weights()
    document = pairwise_cosines(features.doc_vectors.matrix[chosen])
    heading = pairwise_cosines(features.heading_vectors.matrix[chosen])
    grid = np.ix_(chosen, chosen)
    text = document + w.heading * heading + w.characteristic * features.characteristic[grid]
    standard = features.standard_text(text, w, chosen)
    return np.asarray(standard + standard.T + w.group * features.group[grid] + w.category * features.category[grid]
                      + w.support * features.support[grid] + w.develops * features.develops[grid]
                      + w.knowhow * features.knowhow[grid] + w.parallel * features.parallel[grid]
                      + w.base_development * features.base_development[grid]
                      + w.parallel_knowhow * features.parallel_knowhow[grid]
                      - w.unrelated_knowhow * features.unrelated_knowhow[grid]
                      - w.below_floor * features.weak_short(w)[grid])
