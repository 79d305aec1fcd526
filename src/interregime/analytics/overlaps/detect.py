"""All-pairs overlap detection between entries of different regimes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from interregime.analytics.overlaps.classify import Classification, OverlapKind, classify
from interregime.analytics.overlaps.renumbered import EU_LIST, EU_NUMBERED, renumbered
from interregime.analytics.overlaps.similarity import Features, Weights, compute_features
from interregime.analytics.overlaps.units import Unit, build_units, key_index
from interregime.domain.codes import entry_code
from interregime.domain.corpus import EditionContent, XRefKind
from interregime.domain.regimes import Regime

PARTNERS = 10
XREF_BONUS = 20.0
SHARED_TERMS = 6


@dataclass(frozen=True)
class Side:
    list_id: str
    code: str
    regime: Regime
    heading: str

    def as_dict(self) -> dict[str, str]:
        return {"list": self.list_id, "code": self.code, "regime": self.regime.value}


@dataclass(frozen=True)
class Overlap:
    a: Side
    b: Side
    kind: OverlapKind
    score: float
    shared_terms: tuple[str, ...]
    comparisons: tuple[str, ...]
    reasons: tuple[str, ...]

    @property
    def explanation(self) -> str:
        parts = [f"shared terms: {', '.join(self.shared_terms)}" if self.shared_terms else "no shared terms"]
        parts.extend(self.reasons)
        parts.extend(self.comparisons)
        return "; ".join(parts)


@dataclass
class Detection:
    """The units compared, their score matrix and the classified candidate pairs, best first."""

    units: list[Unit]
    features: Features
    scores: np.ndarray
    overlaps: list[Overlap] = field(default_factory=list)


def _side(unit: Unit) -> Side:
    code = unit.eu_code or unit.code
    return Side(unit.list_id, code, unit.regime, unit.heading)


def explicit_references(contents: Iterable[EditionContent], units: Sequence[Unit]
                        ) -> dict[tuple[int, int], XRefKind]:
    """Unit pairs (both orders) that a list explicitly cross-references, with the strongest kind."""
    index = key_index(units)
    found: dict[tuple[int, int], XRefKind] = {}
    for content in contents:
        list_id = content.control_list.id
        for xref in content.cross_references:
            if xref.to_list and xref.to_list != list_id:
                continue
            source = index.get((list_id, entry_code(xref.from_code)))
            target = index.get((list_id, entry_code(xref.to_code)))
            if source is None or target is None or source == target:
                continue
            for pair in ((source, target), (target, source)):
                if found.get(pair) != XRefKind.OTHER_THAN:
                    found[pair] = xref.kind
    return found


def shared_terms(features: Features, first: int, second: int, count: int = SHARED_TERMS) -> tuple[str, ...]:
    """The terms contributing most to the two entries' text cosine."""
    matrix = features.doc_vectors.matrix
    a = slice(matrix.indptr[first], matrix.indptr[first + 1])
    b = slice(matrix.indptr[second], matrix.indptr[second + 1])
    common, in_a, in_b = np.intersect1d(matrix.indices[a], matrix.indices[b], assume_unique=True,
                                        return_indices=True)
    weight = matrix.data[a][in_a] * matrix.data[b][in_b]
    return tuple(features.doc_vectors.terms[int(common[i])] for i in np.argsort(-weight)[:count])


def candidate_pairs(scores: np.ndarray, cross: np.ndarray, partners: int) -> list[tuple[int, int]]:
    """Unordered pairs in which either side ranks the other among its ``partners`` best."""
    masked = np.where(cross, scores, -np.inf)
    np.fill_diagonal(masked, -np.inf)
    take = min(partners, max(masked.shape[0] - 1, 0))
    if take <= 0:
        return []
    best = np.argpartition(-masked, take - 1, axis=1)[:, :take]
    pairs: set[tuple[int, int]] = set()
    for row, columns in enumerate(best):
        for column in columns:
            if np.isfinite(masked[row, column]):
                pairs.add((min(row, int(column)), max(row, int(column))))
    return sorted(pairs)


def moved_entries(contents: Sequence[EditionContent]) -> dict[tuple[str, str], str]:
    """(list, code) → EU code, for entries of EU-numbered lists whose code the EU now uses for other goods."""
    eu = next((content for content in contents if content.control_list.id == EU_LIST), None)
    if eu is None:
        return {}
    eu_entries = {entry.code: entry for entry in eu.entries}
    return {(content.control_list.id, code): eu_code for content in contents
            if content.control_list.id in EU_NUMBERED
            for code, eu_code in renumbered(content.entries, eu_entries).items()}


def detect(contents: Sequence[EditionContent], regimes: Sequence[Regime] | None = None, ignore_xrefs: bool = False,
           partners: int = PARTNERS, weights: Weights | None = None, classify_pairs: bool = True,
           semantic: bool = False) -> Detection:
    """Score every pair of regime entries, keep each entry's best partners in other regimes and classify
    them. With ``ignore_xrefs`` the lists' cross-references (and the codes in the text) are not used;
    without ``semantic`` (or without the dense model) the text is compared by words only."""
    units = build_units(contents, regimes, moved_entries(contents))
    features = compute_features(units, ignore_xrefs, semantic)
    scores = features.combined(weights or Weights())
    references = {} if ignore_xrefs else explicit_references(contents, units)
    for (first, second), _kind in references.items():
        if features.cross[first, second]:
            scores[first, second] += XREF_BONUS
    detection = Detection(units, features, scores)
    pairs = candidate_pairs(scores, features.cross, partners)
    if not classify_pairs:
        return detection
    for first, second in pairs:
        kind = references.get((first, second))
        carve_out = f"explicit carve-out (\"other than\") between {units[first].display_code} and " \
                    f"{units[second].display_code}" if kind == XRefKind.OTHER_THAN else ""
        result: Classification = classify(features.parameters[first], features.parameters[second],
                                          float(features.document[first, second]), carve_out,
                                          carve_outs_consulted=not ignore_xrefs)
        reasons = list(result.reasons)
        if kind is not None and kind != XRefKind.OTHER_THAN:
            reasons.append(f"explicit cross-reference ({kind.value})")
        detection.overlaps.append(Overlap(
            _side(units[first]), _side(units[second]), result.kind, round(float(scores[first, second]), 3),
            shared_terms(features, first, second), result.comparisons, tuple(reasons),
        ))
    detection.overlaps.sort(key=lambda overlap: (-overlap.score, overlap.a.code, overlap.b.code))
    return detection


def select(overlaps: Iterable[Overlap], kinds: Sequence[OverlapKind] | None = None, top: int | None = None
           ) -> list[Overlap]:
    chosen = [overlap for overlap in overlaps if not kinds or overlap.kind in kinds]
    return chosen[:top] if top is not None else chosen
