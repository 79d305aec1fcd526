"""Text matching of national entries that no code rule places: TF-IDF cosine against the regime
entries (and their item lines) of the regimes the national category can come from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from interregime.analytics.overlaps.text import entry_lines, tokens
from interregime.analytics.overlaps.vectors import tfidf
from interregime.domain.corpus import Entry
from interregime.domain.regimes import Regime

ITEM_LEVEL_COSINE = 0.5
SHORT_ENTRY_LINES = 2


@dataclass(frozen=True)
class Reference:
    """A regime entry as the concordance knows it: its EU-style code and the text standing for it."""

    regime: Regime
    code: str
    entry: Entry


@dataclass(frozen=True)
class TextMatch:
    reference: Reference
    item_code: str
    cosine: float
    item_cosine: float


class TextMatcher:
    """Matches national entries against a fixed set of references, one vocabulary for both sides."""

    def __init__(self, references: Sequence[Reference], queries: Sequence[Entry]) -> None:
        self.references = list(references)
        self.queries = list(queries)
        self._query_row = {id(entry): row for row, entry in enumerate(self.queries)}
        ref_lines = [entry_lines(ref.entry, ignore_xrefs=True) for ref in self.references]
        query_lines = [entry_lines(entry, ignore_xrefs=True) for entry in self.queries]
        documents = [[w for _, text in lines for w in tokens(text)] for lines in (*ref_lines, *query_lines)]
        vectors = tfidf(documents).matrix
        split = len(self.references)
        self._entry_cosine = np.asarray((vectors[split:] @ vectors[:split].T).todense())
        self._item_codes = [code for lines in ref_lines for code, _ in lines]
        self._item_owner = np.asarray([row for row, lines in enumerate(ref_lines) for _ in lines], dtype=np.int64)
        item_vectors = tfidf([tokens(text) for lines in ref_lines for _, text in lines]
                             + [[w for _, text in lines for w in tokens(text)] for lines in query_lines]).matrix
        items = len(self._item_codes)
        self._item_cosine = item_vectors[items:] @ item_vectors[:items].T
        self._short = [len(lines) <= SHORT_ENTRY_LINES for lines in query_lines]
        self._regimes = np.asarray([ref.regime.value for ref in self.references], dtype=object)

    def best(self, entry: Entry, regimes: Sequence[Regime]) -> TextMatch | None:
        row = self._query_row[id(entry)]
        allowed = np.isin(self._regimes, [regime.value for regime in regimes])
        if not allowed.any():
            return None
        item_row = np.asarray(self._item_cosine[row].todense()).ravel()
        item_allowed = allowed[self._item_owner]
        item_scores = np.where(item_allowed, item_row, -1.0)
        best_item = int(np.argmax(item_scores))
        if self._short[row] and item_scores[best_item] >= ITEM_LEVEL_COSINE:
            owner = int(self._item_owner[best_item])
            return TextMatch(self.references[owner], self._item_codes[best_item],
                             float(self._entry_cosine[row, owner]), float(item_scores[best_item]))
        scores = np.where(allowed, self._entry_cosine[row], -1.0)
        best = int(np.argmax(scores))
        if scores[best] <= 0:
            return None
        return TextMatch(self.references[best], self.references[best].code, float(scores[best]),
                         float(item_scores[best_item]))
