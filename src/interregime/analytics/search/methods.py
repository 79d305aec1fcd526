"""How a query is matched: by words (BM25), by meaning (dense embeddings), or both."""

from __future__ import annotations

from enum import StrEnum


class Method(StrEnum):
    BM25 = "bm25"
    DENSE = "dense"
    HYBRID = "hybrid"
