"""Concordance: which regime entry each national (and EU) entry implements, and how it deviates."""

from interregime.analytics.concordance.mapping import SUPPORTED, ConcordanceRow, concordance

__all__ = ["SUPPORTED", "ConcordanceRow", "concordance"]
