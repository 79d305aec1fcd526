"""Pairwise similarity of units from their item lines, plus what the lists' own numbering says.

Text: TF-IDF cosine of whole entries (all item lines, codes stripped) and of headings, standardised
per entry over the candidates of other regimes and made symmetric (z(i→j) + z(j→i)), so that an
entry with many mediocre matches does not crowd out one with a few strong ones. Structure: same
category and product group, "parallel" numbers (2B001/2B201, 9A012/9A112: the EU numbering gives
regime-derived entries the number of the Wassenaar entry they complement), and the entry's family
of broad software/technology entries in the same category (``overlaps.family``). With the optional
dense model, the text z-scores are averaged with z-scores of two semantic similarities
(``overlaps.semantic``): entry-vector cosine and best item-to-item cosine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from interregime.analytics.overlaps.family import family_links, regime_links, unrelated_knowhow
from interregime.analytics.overlaps.semantic import SemanticSimilarity, optional_semantic_similarity
from interregime.analytics.overlaps.text import entry_lines, strip_codes, strip_references, tokens
from interregime.analytics.overlaps.units import Unit
from interregime.analytics.overlaps.vectors import Vectorised, tfidf
from interregime.domain.parameters import Parameter

try:  # thresholds are optional: without the parameter analytics the characteristic signal is zero
    from interregime.analytics.parameters.logic import entry_logic
    from interregime.analytics.parameters.numbers import decimal_comma_for
except ImportError:  # pragma: no cover - depends on the installed analytics
    entry_logic = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Weights:
    heading: float = 0.6
    characteristic: float = 0.0
    group: float = 2.0
    category: float = 1.0
    support: float = 2.0
    develops: float = 3.0
    base_development: float = 3.0
    parallel_knowhow: float = 6.0
    unrelated_knowhow: float = 3.0
    knowhow: float = 8.0
    parallel: float = 6.0
    # A short entry (one chemical, one organism) whose text barely matches a partner's is not linked
    # to it by the z-scores alone, whose scale is large for an entry with a few distinct words.
    short_entry_words: int = 8
    text_floor: float = 0.12
    below_floor: float = 15.0
    # Relative to the lexical text z-score (weight 1); the three are averaged. Tuned on half of the
    # referencing entries (bench/overlaps.py).
    semantic_entry: float = 1.0
    semantic_items: float = 1.5


@dataclass
class Features:
    """Unit × unit signal matrices plus the lines and thresholds the explanations quote."""

    lines: list[tuple[str, str]]
    line_unit: np.ndarray
    line_vectors: Vectorised
    doc_vectors: Vectorised
    heading_vectors: Vectorised
    parameters: list[list[tuple[str, Parameter]]]
    cross: np.ndarray
    document: np.ndarray
    heading: np.ndarray
    characteristic: np.ndarray
    group: np.ndarray
    category: np.ndarray
    support: np.ndarray
    develops: np.ndarray
    knowhow: np.ndarray
    base_development: np.ndarray
    parallel_knowhow: np.ndarray
    unrelated_knowhow: np.ndarray
    parallel: np.ndarray
    words: np.ndarray
    semantic: SemanticSimilarity | None = None

    def text(self, weights: Weights) -> np.ndarray:
        return np.asarray(self.document + weights.heading * self.heading
                          + weights.characteristic * self.characteristic)

    def standard_text(self, text: np.ndarray, weights: Weights, members: Sequence[int] | None = None
                      ) -> np.ndarray:
        """Row z-scores of ``text`` (over ``members`` only, if given), averaged with the semantic ones."""
        grid = np.ix_(members, members) if members is not None else np.s_[:, :]
        cross = self.cross[grid]
        standard = standardise(text, cross)
        if self.semantic is None:
            return standard
        mixed = (standard + weights.semantic_entry * standardise(self.semantic.entry[grid], cross)
                 + weights.semantic_items * standardise(self.semantic.items[grid], cross))
        return np.asarray(mixed / (1.0 + weights.semantic_entry + weights.semantic_items))

    def combined(self, weights: Weights) -> np.ndarray:
        standard = self.standard_text(self.text(weights), weights)
        return np.asarray(standard + standard.T + weights.group * self.group + weights.category * self.category
                          + weights.support * self.support + weights.develops * self.develops
                          + weights.knowhow * self.knowhow + weights.parallel * self.parallel
                          + weights.base_development * self.base_development
                          + weights.parallel_knowhow * self.parallel_knowhow
                          - weights.unrelated_knowhow * self.unrelated_knowhow
                          - weights.below_floor * self.weak_short(weights))

    def weak_short(self, weights: Weights) -> np.ndarray:
        """1 for pairs with a short entry on either side, document cosine under the floor and no
        structural link (parallel number, software/technology family)."""
        short = self.words <= weights.short_entry_words
        either = short[:, None] | short[None, :]
        linked = (self.parallel + self.support + self.knowhow) > 0
        return np.asarray((either & (self.document < weights.text_floor) & ~linked).astype(np.float64))


def standardise(matrix: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Row-wise z-scores computed over the masked cells (the candidates of other regimes)."""
    counts = np.maximum(mask.sum(axis=1, keepdims=True), 1)
    masked = np.where(mask, matrix, 0.0)
    mean = masked.sum(axis=1, keepdims=True) / counts
    variance = np.where(mask, (matrix - mean) ** 2, 0.0).sum(axis=1, keepdims=True) / counts
    return np.asarray((matrix - mean) / (np.sqrt(variance) + 1e-9))


def cosine(matrix: sparse.csr_matrix) -> np.ndarray:
    return np.asarray((matrix @ matrix.T).todense())


def _indicator(labels: Sequence[str]) -> np.ndarray:
    values = np.asarray(labels, dtype=object)
    blank = np.asarray([not label for label in labels])
    same = (values[:, None] == values[None, :]) & ~blank[:, None] & ~blank[None, :]
    return np.asarray(same, dtype=np.float64)


def _characteristics(parameters: list[list[tuple[str, Parameter]]]) -> np.ndarray:
    names = [sorted({p.characteristic for _, p in params if p.characteristic}) for params in parameters]
    return cosine(tfidf(names, bigrams=False).matrix)


def unit_parameters(unit: Unit) -> list[tuple[str, Parameter]]:
    """The thresholds of every item of the unit's entry, with their item codes: the item logic the build
    stores (``parameters.logic.entry_logic``), so that an item that only states a number inherits the
    characteristic and comparator of its parent (1C116.a.1 "0,9 GPa in the solution annealed stage"
    under "ultimate tensile strength … equal to or greater than:"). Thresholds are numbers, not
    cross-references, so they are used with ``--ignore-xrefs`` too; the conditions qualifying a
    threshold ("measured at 293 K") and decontrol notes are left out."""
    if entry_logic is None:
        return []
    logic = entry_logic(unit.entry, decimal_comma_for(unit.list_id))
    return [(code, parameter) for code, item in logic.items() for parameter in item.parameters]


def compute_features(units: Sequence[Unit], ignore_xrefs: bool, semantic: bool = True) -> Features:
    """Every signal matrix; ``semantic`` adds the embedding similarities when the dense model is installed."""
    lines: list[tuple[str, str]] = []
    owners: list[int] = []
    for position, unit in enumerate(units):
        for line in entry_lines(unit.entry, ignore_xrefs):
            lines.append(line)
            owners.append(position)
    line_tokens = [tokens(text) for _, text in lines]
    documents: list[list[str]] = [[] for _ in units]
    for owner, words in zip(owners, line_tokens, strict=True):
        documents[owner].extend(words)
    clean = strip_references if ignore_xrefs else strip_codes
    per_unit = [unit_parameters(unit) for unit in units]
    regimes = np.asarray([unit.regime.value for unit in units], dtype=object)
    doc_vectors = tfidf(documents)
    headings = [" ".join(clean(unit.heading).split()) for unit in units]
    heading_vectors = tfidf([tokens(heading) for heading in headings])
    line_unit = np.asarray(owners, dtype=np.int64)
    embedded = optional_semantic_similarity([text for _, text in lines], line_unit, headings) if semantic else None
    support, develops, knowhow = family_links(units)
    parallel = _indicator([unit.group + unit.display_code[3:] if unit.group else "" for unit in units])
    base_development, parallel_knowhow = regime_links(units, parallel)
    return Features(
        lines=lines, line_unit=line_unit, line_vectors=tfidf(line_tokens),
        doc_vectors=doc_vectors, heading_vectors=heading_vectors, parameters=per_unit,
        cross=regimes[:, None] != regimes[None, :],
        document=cosine(doc_vectors.matrix),
        heading=cosine(heading_vectors.matrix),
        characteristic=_characteristics(per_unit),
        group=_indicator([unit.group for unit in units]),
        category=_indicator([unit.group[:1] for unit in units]),
        support=support, develops=develops, knowhow=knowhow,
        base_development=base_development, parallel_knowhow=parallel_knowhow,
        unrelated_knowhow=unrelated_knowhow(units),
        words=np.asarray([len(set(words)) for words in documents]), parallel=parallel, semantic=embedded,
    )
