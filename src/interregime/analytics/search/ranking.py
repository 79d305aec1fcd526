"""Scoring item lines for a query and folding them into entry groups.

Every method first scores all item lines, then keeps the best line of each group (the
implementations of one regime entry across lists). ``hybrid`` adds the min-max normalised BM25 and
cosine scores; quantities in the query lift lines whose thresholds measure the same thing. A group
gains a little for every other list whose implementation also matches (agreement across lists)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from interregime.analytics.search import dense
from interregime.analytics.search.index import SearchIndex
from interregime.analytics.search.methods import Method
from interregime.analytics.search.normalise import terms
from interregime.analytics.search.quantities import QueryQuantity, Verdict, check, concerns, query_quantities
from interregime.analytics.search.vocabulary import Expansion, expand

_EXPANSION_WEIGHT = 0.5
_DENSE_WEIGHT = 0.6
_QUANTITY_BOOST = 0.08
_CONSENSUS_WEIGHT = 0.3
_CANDIDATES = 400
_SOFTWARE = re.compile(r"\b(software|program|programs|code|firmware|app|apps|algorithm)\b", re.IGNORECASE)
_TECHNOLOGY = re.compile(r"\b(technology|know-how|know how|technical data|blueprints?|drawings?|design data|"
                         r"training|assistance|documentation)\b", re.IGNORECASE)
_DEVELOPMENT_PENALTY = 0.85
# A query that asks for software or technology outright is routed from the goods it names to the software
# ("D") or technology ("E") entries serving them, which are lifted just above those goods.
_ASKS_SOFTWARE = re.compile(r"\b(software|source code|firmware|programs?)\b", re.IGNORECASE)
_ASKS_TECHNOLOGY = re.compile(r"\b(technology|know-how|know how|technical data|design data|blueprints?)\b",
                              re.IGNORECASE)
# Entries that name the goods they serve are lifted just above them; category-wide ones ("technology for
# equipment in 2A, 2B or 2D") just below. Among equally lifted entries their own match decides.
_ROUTED_FROM = 5
_ROUTING_LIFT = 1.05
_CATEGORY_LIFT = 0.9
_OWN_SHARE = 0.1
_GOODS = ("A", "B", "C")


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    own_terms: tuple[str, ...]
    expansion: Expansion
    quantities: tuple[QueryQuantity, ...]
    wants_software: bool
    wants_technology: bool
    asks_for: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> Query:
        own = tuple(term for term in terms(text) if not term.replace(".", "").isdigit())
        asks_for = tuple(kind for kind, pattern in (("D", _ASKS_SOFTWARE), ("E", _ASKS_TECHNOLOGY))
                         if pattern.search(text))
        return cls(text, own, expand(text), tuple(query_quantities(text)),
                   bool(_SOFTWARE.search(text)), bool(_TECHNOLOGY.search(text)), asks_for)


@dataclass(frozen=True, slots=True)
class RankedGroup:
    group: str
    score: float
    best: int
    lexical: float
    semantic: float
    verdicts: tuple[Verdict, ...]


def _kind(group: str) -> str:
    """The type letter of an EU-style group key ("2B001" -> "B"); "" for keys of other numberings."""
    return group[1] if len(group) == 5 and group[0].isdigit() and group[1] in "ABCDE" else ""


def _serving(links: dict[str, list[str]], groups: list[str]) -> dict[str, dict[str, list[str]]]:
    """Per kind ("D", "E"): from a goods group to the software or technology groups that point to it; one
    that points to no goods serves its whole category (key "category:<digit>")."""
    serving: dict[str, dict[str, list[str]]] = {"D": {}, "E": {}}
    for group in groups:
        if _kind(group) not in serving:
            continue
        targets = [target for target in links.get(group, []) if _kind(target) in _GOODS]
        for key in targets or [f"category:{group[0]}"]:
            serving[_kind(group)].setdefault(key, []).append(group)
    return serving


def _normalised(values: np.ndarray) -> np.ndarray:
    top = float(values.max()) if values.size else 0.0
    if top <= 0:
        return np.zeros_like(values)
    return values / top


class Ranker:
    def __init__(self, index: SearchIndex, encoder: dense.Encoder | None = None) -> None:
        self.index = index
        self.encoder = encoder
        codes = [document.entry_code for document in index.documents]
        self._lists = sorted({document.list_id for document in index.documents})
        self._kind = np.array([code[1:2] if len(code) > 1 and code[0].isdigit() else "" for code in codes])
        self._software = self._kind == "D"
        self._technology = self._kind == "E"
        self._serving = _serving(index.links, list(index.groups))
        # Per-document lookups for the query loop, which would otherwise read the documents' attributes
        # and numpy scalars one by one.
        self._group_of = [document.group for document in index.documents]
        self._list_of = [document.list_id for document in index.documents]
        self._has_thresholds = [bool(thresholds) for thresholds in index.thresholds]
        self._in_list = {list_id: np.array([document_list == list_id for document_list in self._list_of])
                         for list_id in self._lists}

    def lexical_scores(self, query: Query) -> np.ndarray:
        scores = self.index.lexical.scores(query.own_terms)
        if query.expansion.added_terms:
            scores = scores + _EXPANSION_WEIGHT * self.index.lexical.scores(query.expansion.added_terms)
        return scores

    def semantic_scores(self, query: Query) -> np.ndarray:
        if self.encoder is None or self.index.vectors is None:
            raise dense.DenseModelMissing(dense.INSTALL_HINT)
        text = f"{query.text}. {query.expansion.text}" if query.expansion.text else query.text
        vector = self.encoder.encode([text])[0]
        return np.asarray(self.index.vectors @ vector, dtype=np.float32)

    def item_scores(self, query: Query, method: Method) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        size = len(self.index.documents)
        lexical = self.lexical_scores(query) if method != Method.DENSE else np.zeros(size, np.float32)
        semantic = self.semantic_scores(query) if method != Method.BM25 else np.zeros(size, np.float32)
        if method == Method.BM25:
            combined = _normalised(lexical)
        elif method == Method.DENSE:
            combined = np.clip(semantic, 0.0, None)
        else:
            floor = float(np.percentile(semantic, 50))
            combined = (1 - _DENSE_WEIGHT) * _normalised(lexical) + _DENSE_WEIGHT * _normalised(
                np.clip(semantic - floor, 0.0, None))
        penalty = np.ones(size, np.float32)
        if not query.wants_software:
            penalty[self._software] = _DEVELOPMENT_PENALTY
        if not query.wants_technology:
            penalty[self._technology] = _DEVELOPMENT_PENALTY
        return combined * penalty, lexical, semantic

    def rank(self, query: Query, method: Method, top: int, list_id: str | None = None) -> list[RankedGroup]:
        combined, lexical, semantic = self.item_scores(query, method)
        if list_id is not None:
            in_list = self._in_list.get(list_id)
            combined = np.where(in_list if in_list is not None else np.zeros(combined.size, bool), combined, 0.0)
        # The full sort is kept (a fraction of a millisecond): equal scores (the same line in two lists)
        # must be met in the same order as before, since the first one met stays a group's best line.
        candidates = np.argsort(-combined)[:_CANDIDATES]
        group_of, list_of, has_thresholds = self._group_of, self._list_of, self._has_thresholds
        quantities = list(query.quantities)
        best: dict[str, tuple[float, int, tuple[Verdict, ...]]] = {}
        per_list: dict[str, dict[str, float]] = {}
        for position, score in zip(candidates.tolist(), combined[candidates].tolist(), strict=True):
            if score <= 0:
                break
            verdicts: tuple[Verdict, ...] = ()
            if quantities and has_thresholds[position]:
                thresholds = self.index.thresholds[position]
                if any(concerns(t, q) for t in thresholds for q in quantities):
                    score += _QUANTITY_BOOST
                    verdicts = tuple(check(thresholds, quantities))
            group = group_of[position]
            current = best.get(group)
            if current is None or score > current[0]:
                best[group] = (score, position, verdicts)
            lists = per_list.setdefault(group, {})
            lists[list_of[position]] = max(score, lists.get(list_of[position], 0.0))
        others = max(len(self._lists) - 1, 1) if list_id is None else 1
        scored = []
        for group, (score, position, verdicts) in best.items():
            agreement = (sum(per_list[group].values()) - per_list[group][list_of[position]]) / others
            scored.append(RankedGroup(group, score + _CONSENSUS_WEIGHT * agreement, position,
                                      float(lexical[position]), float(semantic[position]), verdicts))
        if query.asks_for:
            scored = self._route(scored, query.asks_for)
        return sorted(scored, key=lambda ranked: -ranked.score)[:top]

    def _route(self, scored: list[RankedGroup], kinds: tuple[str, ...]) -> list[RankedGroup]:
        by_group = {ranked.group: ranked for ranked in scored}
        goods = sorted((ranked for ranked in scored if _kind(ranked.group) in _GOODS), key=lambda r: -r.score)
        for source in goods[:_ROUTED_FROM]:
            for kind in kinds:
                serving = self._serving[kind]
                named = serving.get(source.group, [])
                lift = _ROUTING_LIFT if named else _CATEGORY_LIFT
                for group in named or serving.get(f"category:{source.group[0]}", []):
                    current = by_group.get(group)
                    lifted = source.score * lift + _OWN_SHARE * (current.score if current else 0.0)
                    if current is None:
                        by_group[group] = RankedGroup(group, lifted, self.index.groups[group][0], 0.0, 0.0, ())
                    elif current.score < lifted:
                        by_group[group] = RankedGroup(group, lifted, current.best, current.lexical,
                                                      current.semantic, current.verdicts)
        return list(by_group.values())
