"""Overlaps between the regimes: entries of different regimes that control overlapping sets of items."""

from interregime.analytics.overlaps.classify import OverlapKind
from interregime.analytics.overlaps.detect import Detection, Overlap, Side, detect, select

__all__ = ["Detection", "Overlap", "OverlapKind", "Side", "detect", "select"]
