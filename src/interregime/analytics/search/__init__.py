"""Search and classification across all control lists: from a product description to entries.

The names below are loaded on first use, so that importing ``Method`` (for a command-line option) does not
load the index, BM25 and ONNX machinery."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from interregime.analytics.search.methods import Method

_LAZY = {
    "Classifier": "interregime.analytics.search.classifier",
    "Member": "interregime.analytics.search.classifier",
    "ResultGroup": "interregime.analytics.search.classifier",
    "classify": "interregime.analytics.search.classifier",
    "DenseModelMissing": "interregime.analytics.search.dense",
}

__all__ = ["Classifier", "DenseModelMissing", "Member", "Method", "ResultGroup", "classify"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
