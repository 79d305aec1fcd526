"""Overlap detection on the real corpus (all five lists, built once per session)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from interregime.analytics.overlaps import OverlapKind, detect
from interregime.analytics.overlaps.baseline import brute_force_scores
from interregime.analytics.overlaps.detect import candidate_pairs
from interregime.analytics.overlaps.evaluation import listed_pairs, recall_at_k, referenced_pairs
from interregime.analytics.overlaps.family import is_broad_knowhow
from interregime.analytics.overlaps.text import entry_lines
from interregime.domain.codes import EU_ENTRY
from interregime.domain.corpus import EditionContent
from tests.analytics.overlap_corpus import contents

pytestmark = pytest.mark.slow

KNOWN = [("2B001", "2B201"), ("1C116", "1C216"), ("9A012", "9A112"), ("7A002", "7A102"), ("6A005", "6A205")]


@pytest.fixture(scope="module")
def corpus(sources_dir: Path) -> list[EditionContent]:
    return list(contents(sources_dir).values())


def _pairs(detection) -> set[frozenset[str]]:  # type: ignore[no-untyped-def]
    return {frozenset({o.a.code, o.b.code}) for o in detection.overlaps}


def test_known_cross_regime_overlaps_are_found_blind_to_references(corpus: list[EditionContent]) -> None:
    detection = detect(corpus, ignore_xrefs=True)
    found = _pairs(detection)
    for first, second in KNOWN:
        assert frozenset({first, second}) in found
    assert all(o.a.regime != o.b.regime for o in detection.overlaps)


def test_an_entry_whose_code_now_names_other_goods_joins_the_unit_of_its_goods(
        corpus: list[EditionContent]) -> None:
    units = detect(corpus, ignore_xrefs=True, classify_pairs=False).units
    by_key = {unit.key: unit for unit in units}
    assert ("us-ccl", "9A120") in by_key["9A112"].implementations
    assert ("us-ccl", "9A120") not in by_key["9A120"].implementations
    assert ("eu-annex-i", "9A120") in by_key["9A120"].implementations


def test_blind_mode_ignores_cross_references_and_codes(corpus: list[EditionContent]) -> None:
    stripped = [replace(content, cross_references=[]) for content in corpus]
    assert np.allclose(detect(corpus, ignore_xrefs=True, classify_pairs=False).scores,
                       detect(stripped, ignore_xrefs=True, classify_pairs=False).scores)
    eu = next(content for content in corpus if content.control_list.id == "eu-annex-i")
    for entry in eu.entries:
        for _, line in entry_lines(entry, ignore_xrefs=True):
            assert not any(EU_ENTRY.match(word.strip(".,;:()")) for word in line.split()), line


def test_recall_of_referenced_partners_beats_plain_tfidf(corpus: list[EditionContent]) -> None:
    detection = detect(corpus, ignore_xrefs=True, classify_pairs=False)
    eu = [content for content in corpus if content.control_list.id == "eu-annex-i"]
    truth_eu = referenced_pairs(eu, detection.units)
    truth_all = referenced_pairs(corpus, detection.units)
    assert len(truth_eu) > 100 and len(truth_all) > len(truth_eu)
    ours = recall_at_k(detection.scores, detection.units, truth_eu)
    tfidf = recall_at_k(detection.features.document, detection.units, truth_eu)
    assert ours.value >= 0.85 > tfidf.value
    pooled = recall_at_k(detection.scores, detection.units, truth_all)
    assert pooled.value >= 0.78 and len(pooled.per_entry) == pooled.entries == len(truth_all)
    assert 0 < pooled.entry_mean <= 1


def test_listed_pairs_are_the_referenced_pairs_among_the_detected_ones(corpus: list[EditionContent]) -> None:
    detection = detect(corpus, ignore_xrefs=True, classify_pairs=False)
    truth = referenced_pairs(corpus, detection.units)
    detected = set(candidate_pairs(detection.scores, detection.features.cross, 10))
    expected = sum(1 for a, targets in truth.items() for b in targets if (min(a, b), max(a, b)) in detected)
    found, total = listed_pairs(detection.scores, detection.units, truth)
    assert (found, total) == (expected, sum(map(len, truth.values())))
    assert recall_at_k(detection.scores, detection.units, truth).found < found < total


def test_family_links_goods_to_broad_knowhow_of_their_category(corpus: list[EditionContent]) -> None:
    detection = detect(corpus, ignore_xrefs=True, classify_pairs=False)
    units = {unit.display_code: unit for unit in detection.units}
    assert is_broad_knowhow(units["2E001"]) and is_broad_knowhow(units["3E001"])
    assert not is_broad_knowhow(units["2D352"]) and not is_broad_knowhow(units["2E003"])
    position = {unit.display_code: i for i, unit in enumerate(detection.units)}
    features = detection.features
    furnaces, development = position["2B226"], position["2E001"]
    assert features.develops[furnaces, development] == 1 and features.support[furnaces, position["3E001"]] == 0
    assert features.knowhow[position["2D201"], development] == 1


def test_regime_rules_link_knowhow_across_regimes(corpus: list[EditionContent]) -> None:
    detection = detect(corpus, ignore_xrefs=True, classify_pairs=False)
    position = {unit.display_code: i for i, unit in enumerate(detection.units)}
    features = detection.features
    assert features.base_development[position["1C226"], position["1E001"]] == 1
    assert features.parallel_knowhow[position["2B001"], position["2E201"]] == 1
    assert features.parallel_knowhow[position["2B001"], position["2E001"]] == 0
    series = [unit for unit in detection.units if unit.list_id == "us-ccl" and not unit.eu_code]
    assert series and not any(is_broad_knowhow(unit) for unit in series)
    assert features.unrelated_knowhow[position["3D101"], position["3D001"]] == 1


def test_vectorised_scores_equal_the_pairwise_loop(corpus: list[EditionContent]) -> None:
    detection = detect(corpus, ignore_xrefs=True, classify_pairs=False)
    assert np.allclose(brute_force_scores(detection.features), detection.scores, atol=1e-8)


def test_cross_references_mark_carve_outs_and_thresholds_nest(corpus: list[EditionContent]) -> None:
    detection = detect(corpus)
    by_pair = {frozenset({o.a.code, o.b.code}): o for o in detection.overlaps}
    steel = by_pair[frozenset({"1C116", "1C216"})]
    assert steel.kind == OverlapKind.CARVED_OUT and "other than" in steel.explanation
    assert "maraging" in steel.shared_terms
    blind = {frozenset({o.a.code, o.b.code}): o for o in detect(corpus, ignore_xrefs=True).overlaps}
    presses = blind[frozenset({"2B004", "2B104"})]
    assert presses.kind == OverlapKind.NESTED
    assert any("working pressure" in text and "stricter" in text for text in presses.comparisons)
