"""From a product description to the entry groups that may control it."""

from __future__ import annotations

import builtins
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import sqlalchemy as sa

from interregime.analytics.search import dense
from interregime.analytics.search.documents import ItemDocument
from interregime.analytics.search.index import SearchIndex, open_index
from interregime.analytics.search.methods import Method
from interregime.analytics.search.ranking import Query, RankedGroup, Ranker
from interregime.analytics.search.vocabulary import Expansion
from interregime.domain.codes import regime_of_eu_code


@dataclass(frozen=True, slots=True)
class Member:
    list: str
    code: str
    regime: str


@dataclass(frozen=True, slots=True)
class ResultGroup:
    """One regime entry as implemented in every list holding it, with the best matching line."""

    list: str
    code: str
    entry: str
    regime: str
    score: float
    item: str
    item_text: str
    explanation: dict[str, Any]
    check: dict[str, Any] | None
    members: builtins.list[Member] = field(default_factory=builtins.list)
    related: builtins.list[str] = field(default_factory=builtins.list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _stated_regime(documents: list[ItemDocument]) -> str:
    """The regime most of ``documents`` state ("" when none states one)."""
    counted = Counter(document.regime for document in documents if document.regime)
    return counted.most_common(1)[0][0] if counted else ""


def _origin_regime(entry: str) -> str:
    """The regime the EU numbering of ``entry`` points to, for groups whose lines state none."""
    origin = regime_of_eu_code(entry) if entry else None
    return origin.value if origin else ""


def _explanation(query: Query, present: Callable[[str], bool], ranked: RankedGroup,
                 method: Method) -> dict[str, Any]:
    """``present`` tells whether a term is one of the best line's ``document_terms``."""
    expansion: Expansion = query.expansion
    return {
        "method": method.value,
        "matched_terms": [term for term in query.own_terms if present(term)],
        "expanded_terms": [term for term in expansion.added_terms if present(term)],
        "trade_terms": list(expansion.matched),
        "bm25": round(ranked.lexical, 3),
        "similarity": round(ranked.semantic, 3),
        "parameters": [verdict.threshold for verdict in ranked.verdicts],
    }


def _check(ranked: RankedGroup) -> dict[str, Any] | None:
    if not ranked.verdicts:
        return None
    met = all(verdict.met for verdict in ranked.verdicts)
    return {
        "verdict": "met" if met else "not met",
        "details": [
            {"characteristic": v.characteristic, "threshold": v.threshold, "value": v.query_value,
             "verdict": "met" if v.met else "not met"}
            for v in ranked.verdicts
        ],
    }


class Classifier:
    """An index loaded once, answering many queries."""

    def __init__(self, index: SearchIndex, method: Method = Method.HYBRID) -> None:
        if method != Method.BM25 and index.vectors is None:
            raise dense.DenseModelMissing(dense.INSTALL_HINT)
        encoder = dense.Encoder() if method != Method.BM25 else None
        self.index = index
        self.method = method
        self.ranker = Ranker(index, encoder)
        # What a result group shows of its members does not depend on the query: worked out once here
        # rather than from all the group's lines for every result.
        documents = index.documents
        self._list_ids = {document.list_id for document in documents}
        self._members: dict[str, tuple[Member, ...]] = {}
        self._stated: dict[str, str] = {}
        for group, positions in index.groups.items():
            members_docs = [documents[position] for position in positions]
            self._members[group] = tuple(dict.fromkeys(Member(d.list_id, d.entry_code, d.regime)
                                                       for d in members_docs))
            self._stated[group] = _stated_regime(members_docs)

    @classmethod
    def open(cls, engine: sa.Engine, method: Method | None = None) -> Classifier:
        """The best available method: hybrid when the dense model is installed, else BM25 alone."""
        chosen = method or (Method.HYBRID if dense.available() else Method.BM25)
        return cls(open_index(engine, with_dense=chosen != Method.BM25), chosen)

    def classify(self, text: str, top: int = 10, list_id: str | None = None) -> list[ResultGroup]:
        if not text.strip():
            raise ValueError("the product description is empty")
        if top < 1:
            raise ValueError("--top must be at least 1")
        if list_id is not None and list_id not in self._list_ids:
            raise LookupError(f"no list {list_id!r} in the search index; known: {', '.join(self.list_ids())}")
        query = Query.parse(text)
        return [self._result(query, ranked) for ranked in self.ranker.rank(query, self.method, top, list_id)]

    def list_ids(self) -> list[str]:
        return sorted(self._list_ids)

    def _result(self, query: Query, ranked: RankedGroup) -> ResultGroup:
        best = self.index.documents[ranked.best]
        regime = self._stated[ranked.group] or _origin_regime(best.entry)
        lexical = self.index.lexical

        def present(term: str) -> bool:
            return lexical.holds(term, ranked.best)

        return ResultGroup(
            list=best.list_id, code=best.entry_code, entry=best.entry, regime=regime,
            score=round(ranked.score, 4), item=best.item_code, item_text=best.text,
            explanation=_explanation(query, present, ranked, self.method), check=_check(ranked),
            members=list(self._members[ranked.group]), related=list(self.index.links.get(ranked.group, [])),
        )


def classify(engine: sa.Engine, text: str, top: int = 10, list_id: str | None = None) -> list[ResultGroup]:
    """Ranked entry groups that may control the product described by ``text``."""
    return Classifier.open(engine).classify(text, top, list_id)
