"""Measuring the detector against the lists' own cross-references: recall of referenced partners."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from interregime.analytics.overlaps.detect import candidate_pairs
from interregime.analytics.overlaps.units import Unit, key_index
from interregime.domain.codes import entry_code
from interregime.domain.corpus import EditionContent, XRefKind

# Which explicit references count as evidence of overlap, per list.
EVIDENCE: dict[str, frozenset[XRefKind]] = {
    "eu-annex-i": frozenset({XRefKind.SEE_ALSO, XRefKind.OTHER_THAN}),
    "us-ccl": frozenset({XRefKind.RELATED_CONTROL}),
}


def referenced_pairs(contents: Iterable[EditionContent], units: Sequence[Unit],
                     evidence: dict[str, frozenset[XRefKind]] | None = None) -> dict[int, set[int]]:
    """Unit → units of another regime that its entry explicitly refers to.

    A reference counts only when both ends are regime entries of different regimes: references to
    USML categories (``to_list`` "usml") and to entries without a regime (CCL x9xx such as 2B991,
    0x0 national entries) have no counterpart in another regime and are left out."""
    rules = EVIDENCE if evidence is None else evidence
    index = key_index(units)
    pairs: dict[int, set[int]] = {}
    for content in contents:
        list_id = content.control_list.id
        kinds = rules.get(list_id)
        if not kinds:
            continue
        for xref in content.cross_references:
            if xref.kind not in kinds or (xref.to_list and xref.to_list != list_id):
                continue
            source = index.get((list_id, entry_code(xref.from_code)))
            target = index.get((list_id, entry_code(xref.to_code)))
            if source is None or target is None or units[source].regime == units[target].regime:
                continue
            pairs.setdefault(source, set()).add(target)
    return pairs


@dataclass(frozen=True)
class Recall:
    k: int
    found: int
    referenced: int
    entries: int
    misses: list[tuple[int, int, int]]
    per_entry: tuple[float, ...] = ()

    @property
    def value(self) -> float:
        """Pooled over (entry, referenced partner) pairs."""
        return self.found / self.referenced if self.referenced else 1.0

    @property
    def entry_mean(self) -> float:
        """Mean over referencing entries of the share of their referenced partners found."""
        return sum(self.per_entry) / len(self.per_entry) if self.per_entry else 1.0


def recall_at_k(scores: np.ndarray, units: Sequence[Unit], truth: dict[int, set[int]], k: int = 10) -> Recall:
    """Share of referenced (entry, partner) pairs whose partner ranks in the entry's top ``k`` partners
    of other regimes; ``misses`` holds (entry, partner, rank) of the others."""
    regimes = np.asarray([unit.regime.value for unit in units], dtype=object)
    found = total = 0
    misses: list[tuple[int, int, int]] = []
    per_entry: list[float] = []
    for source, targets in truth.items():
        row = np.where(regimes != regimes[source], scores[source], -np.inf)
        row[source] = -np.inf
        order = np.argsort(-row, kind="stable")
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        hits = [target for target in targets if rank[target] < k]
        found += len(hits)
        total += len(targets)
        per_entry.append(len(hits) / len(targets))
        misses.extend((source, target, int(rank[target]) + 1) for target in targets if rank[target] >= k)
    return Recall(k, found, total, len(truth), misses, tuple(per_entry))


def listed_pairs(scores: np.ndarray, units: Sequence[Unit], truth: dict[int, set[int]], k: int = 10
                 ) -> tuple[int, int]:
    """(found, referenced) over referenced pairs that the detector lists (``detect.candidate_pairs``: either
    entry ranks the other among its ``k`` best partners of other regimes). A looser figure than
    ``recall_at_k``, which asks the referencing entry's own ranking."""
    regimes = np.asarray([unit.regime.value for unit in units], dtype=object)
    listed = set(candidate_pairs(scores, regimes[:, None] != regimes[None, :], k))
    pairs = [(min(source, target), max(source, target)) for source, targets in truth.items() for target in targets]
    return sum(1 for pair in pairs if pair in listed), len(pairs)


def half_of(truth: dict[int, set[int]], units: Sequence[Unit], half: int) -> dict[int, set[int]]:
    """The referencing entries of one half (0 or 1) of a fixed split by a hash of the entry's key, so that
    weights can be tuned on one half and reported on the other."""
    def side(position: int) -> int:
        return int(hashlib.blake2b(units[position].key.encode("utf-8"), digest_size=4).hexdigest(), 16) % 2
    return {source: targets for source, targets in truth.items() if side(source) == half}
