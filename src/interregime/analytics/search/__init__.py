"""Search and classification across all control lists: from a product description to entries."""

from interregime.analytics.search.classify import Classifier, Member, ResultGroup, classify
from interregime.analytics.search.dense import DenseModelMissing
from interregime.analytics.search.ranking import Method

__all__ = ["Classifier", "DenseModelMissing", "Member", "Method", "ResultGroup", "classify"]
