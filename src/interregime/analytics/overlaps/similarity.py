"""Pairwise similarity of units from item lines: best-matching line pair, whole-entry TF-IDF cosine,
shared measured characteristics, and the category/group of the entries' own numbering."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from interregime.analytics.overlaps.text import entry_lines, tokens
from interregime.analytics.overlaps.units import Unit
from interregime.analytics.overlaps.vectors import Vectorised, tfidf
from interregime.domain.parameters import Parameter

try:  # the parameter extractor is optional: without it the characteristic signal is zero
    from interregime.analytics.parameters.extract import extract_parameters
except ImportError:  # pragma: no cover - depends on the installed analytics
    extract_parameters = None


@dataclass(frozen=True)
class Weights:
    item: float = 0.45
    document: float = 0.35
    characteristic: float = 0.10
    group: float = 0.12
    category: float = 0.04
    support: float = 0.10
    parallel: float = 0.10


@dataclass
class Features:
    """Dense unit × unit signal matrices plus what the explanations need."""

    lines: list[str]
    line_unit: np.ndarray
    line_vectors: Vectorised
    parameters: list[list[Parameter]]
    item: np.ndarray
    document: np.ndarray
    characteristic: np.ndarray
    group: np.ndarray
    category: np.ndarray
    support: np.ndarray
    parallel: np.ndarray

    def combined(self, weights: Weights) -> np.ndarray:
        return (weights.item * self.item + weights.document * self.document
                + weights.characteristic * self.characteristic + weights.group * self.group
                + weights.category * self.category + weights.support * self.support
                + weights.parallel * self.parallel)


def _blocks_max(products: sparse.coo_matrix, line_unit: np.ndarray, size: int) -> np.ndarray:
    """Maximum line-pair similarity for every pair of units."""
    best = np.zeros(size * size, dtype=np.float64)
    flat = line_unit[products.row] * size + line_unit[products.col]
    order = np.lexsort((-products.data, flat))
    flat_sorted = flat[order]
    first = np.ones(len(flat_sorted), dtype=bool)
    first[1:] = flat_sorted[1:] != flat_sorted[:-1]
    best[flat_sorted[first]] = products.data[order][first]
    return best.reshape(size, size)


def _indicator(labels: Sequence[str]) -> np.ndarray:
    values = np.asarray(labels, dtype=object)
    same = (values[:, None] == values[None, :]).astype(np.float64)
    blank = np.asarray([not label for label in labels])
    same[blank, :] = 0.0
    same[:, blank] = 0.0
    return same


def _support(units: Sequence[Unit]) -> np.ndarray:
    """1 where one entry is software or technology (group D or E) of the other's category: such entries
    cover "the development, production or use" of the category's goods."""
    category = np.asarray([unit.group[:1] for unit in units], dtype=object)
    knowhow = np.asarray([unit.group[1:] in ("D", "E") for unit in units])
    goods = np.asarray([unit.group[1:] in ("A", "B", "C") for unit in units])
    same = (category[:, None] == category[None, :]) & (category[:, None] != "")
    linked = (knowhow[:, None] & goods[None, :]) | (goods[:, None] & knowhow[None, :])
    return (same & linked).astype(np.float64)


def _characteristics(parameters: list[list[Parameter]]) -> np.ndarray:
    names = [sorted({p.characteristic for p in params if p.characteristic}) for params in parameters]
    return np.asarray((tfidf(names, bigrams=False).matrix @ tfidf(names, bigrams=False).matrix.T).todense())


def compute_features(units: Sequence[Unit], ignore_xrefs: bool) -> Features:
    lines: list[str] = []
    owners: list[int] = []
    for position, unit in enumerate(units):
        for line in entry_lines(unit.entry, ignore_xrefs):
            lines.append(line)
            owners.append(position)
    line_unit = np.asarray(owners, dtype=np.int64)
    line_tokens = [tokens(line) for line in lines]
    line_vectors = tfidf(line_tokens)
    size = len(units)
    item = _blocks_max(sparse.coo_matrix(line_vectors.matrix @ line_vectors.matrix.T), line_unit, size)
    documents: list[list[str]] = [[] for _ in units]
    for owner, words in zip(owners, line_tokens, strict=True):
        documents[owner].extend(words)
    doc_matrix = tfidf(documents).matrix
    document = np.asarray((doc_matrix @ doc_matrix.T).todense())
    per_unit: list[list[Parameter]] = [[] for _ in units]
    if extract_parameters is not None:
        for owner, line in zip(owners, lines, strict=True):
            per_unit[owner].extend(extract_parameters(line))
    return Features(
        lines=lines, line_unit=line_unit, line_vectors=line_vectors, parameters=per_unit,
        item=item, document=document, characteristic=_characteristics(per_unit),
        group=_indicator([unit.group for unit in units]),
        category=_indicator([unit.group[:1] for unit in units]),
        support=_support(units),
        parallel=_indicator([unit.group + unit.display_code[3:] if unit.group else "" for unit in units]),
    )
