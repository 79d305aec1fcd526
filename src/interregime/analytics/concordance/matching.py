"""Text matching of national entries that no code rule places: TF-IDF cosine against the regime
entries (and their item lines) of the regimes the national category can come from."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from interregime.analytics.overlaps.text import entry_lines, tokens
from interregime.analytics.overlaps.vectors import tfidf
from interregime.domain.corpus import Entry
from interregime.domain.regimes import Regime

_CAS = re.compile(r"\b\d{2,7}-\d{2}-\d\b")
ITEM_LEVEL_COSINE = 0.5
# A short entry (a single organism or chemical) that matches no item this well is not matched at all.
SHORT_ENTRY_COSINE = 0.45
SHORT_ENTRY_LINES = 2


def _words(text: str) -> list[str]:
    """Tokens, CAS registry numbers, and each pair of adjacent tokens written as one ("monkey pox"
    also as "monkeypox")."""
    words = [word for word in tokens(text) if word != "cas"]
    return [*words, *(a + b for a, b in itertools.pairwise(words)), *_CAS.findall(text)]


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
        ref_items = [_words(text) for lines in ref_lines for _, text in lines]
        known = {word for words in ref_items for word in words}
        # Words no reference uses cannot match; left in, they would only dilute the query vectors.
        query_docs = [[w for _, text in lines for w in _words(text) if w in known] for lines in query_lines]
        ref_docs = [[w for _, text in lines for w in _words(text)] for lines in ref_lines]
        vectors = tfidf([*ref_docs, *query_docs], bigrams=False).matrix
        split = len(self.references)
        self._entry_cosine = np.asarray((vectors[split:] @ vectors[:split].T).todense())
        self._item_codes = [code for lines in ref_lines for code, _ in lines]
        self._item_owner = np.asarray([row for row, lines in enumerate(ref_lines) for _ in lines], dtype=np.int64)
        item_vectors = tfidf([*ref_items, *query_docs], bigrams=False).matrix
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
        if scores[best] <= 0 or (self._short[row] and scores[best] < SHORT_ENTRY_COSINE):
            return None
        return TextMatch(self.references[best], self.references[best].code, float(scores[best]),
                         float(item_scores[best_item]))
