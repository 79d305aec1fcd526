"""Sparse TF-IDF vectors (sublinear tf, l2-normalised) of token lists, as scipy CSR matrices."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass(frozen=True)
class Vectorised:
    matrix: sparse.csr_matrix
    vocabulary: dict[str, int]
    terms: list[str]
    idf: np.ndarray


def _with_bigrams(words: Sequence[str]) -> list[str]:
    return [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]


def tfidf(documents: Sequence[Sequence[str]], bigrams: bool = True) -> Vectorised:
    """One row per document; terms seen in a single document still count (rare terms matter here)."""
    counted = [Counter(_with_bigrams(doc) if bigrams else doc) for doc in documents]
    vocabulary: dict[str, int] = {}
    frequency: Counter[str] = Counter()
    for counts in counted:
        frequency.update(counts.keys())
        for term in counts:
            vocabulary.setdefault(term, len(vocabulary))
    total = max(len(documents), 1)
    terms = [""] * len(vocabulary)
    idf = np.zeros(len(vocabulary), dtype=np.float64)
    for term, index in vocabulary.items():
        terms[index] = term
        idf[index] = math.log((1 + total) / (1 + frequency[term])) + 1.0
    rows: list[int] = []
    cols: list[int] = []
    data: list[float] = []
    for row, counts in enumerate(counted):
        for term, count in counts.items():
            rows.append(row)
            cols.append(vocabulary[term])
            data.append(1.0 + math.log(count))
    matrix = sparse.csr_matrix(
        (np.asarray(data) * idf[np.asarray(cols, dtype=np.int64)] if data else np.zeros(0), (rows, cols)),
        shape=(len(documents), len(vocabulary)),
    )
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    normalised = sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)
    return Vectorised(normalised, vocabulary, terms, idf)
