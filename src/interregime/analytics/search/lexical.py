"""BM25 over item documents (bm25s), with fields weighted by repetition: the item line and the
entry heading count twice, parent lines, notes, definitions and referenced headings once."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np
import numpy.typing as npt

from interregime.analytics.search.documents import ItemDocument
from interregime.analytics.search.normalise import terms

Scores = npt.NDArray[np.float32]


def document_terms(document: ItemDocument) -> list[str]:
    line, heading = terms(document.text), terms(document.heading)
    return [*line, *line, *terms(document.context), *heading, *heading, *terms(document.notes),
            *terms(document.definitions), *terms(document.references)]


class LexicalIndex:
    def __init__(self, model: bm25s.BM25) -> None:
        self._model = model
        self._vocabulary: dict[str, int] = dict(model.vocab_dict)
        self._indptr = np.asarray(model.scores["indptr"])
        self._indices = np.asarray(model.scores["indices"])

    @classmethod
    def build(cls, documents: Sequence[ItemDocument]) -> LexicalIndex:
        model = bm25s.BM25(k1=1.2, b=0.75)
        corpus = [document_terms(document) or ["_empty_"] for document in documents]
        model.index(corpus, show_progress=False)
        return cls(model)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        return cls(bm25s.BM25.load(str(folder), mmap=False))

    def save(self, folder: Path) -> None:
        self._model.save(str(folder), show_progress=False)

    def known(self, query_terms: Sequence[str]) -> list[str]:
        return [term for term in dict.fromkeys(query_terms) if term in self._vocabulary]

    def holds(self, term: str, position: int) -> bool:
        """Whether document ``position`` contains ``term`` (as ``document_terms`` gives it): every term of
        a document has a positive BM25 weight in that term's posting list, which is far cheaper to read
        than the document's terms are to compute again."""
        token = self._vocabulary.get(term)
        if token is None:
            return False
        postings = self._indices[int(self._indptr[token]):int(self._indptr[token + 1])]
        return bool(np.any(postings == position))

    def scores(self, query_terms: Sequence[str]) -> Scores:
        """BM25 score of every document for ``query_terms`` (unknown terms are ignored)."""
        known = self.known(query_terms)
        if not known:
            return np.zeros(self._model.scores["num_docs"], dtype=np.float32)
        return np.asarray(self._model.get_scores(known), dtype=np.float32)
