"""Overlap building blocks on synthetic text: code stripping, classification, candidate pairs, kinds."""

from __future__ import annotations

import numpy as np
import pytest

from interregime.analytics.overlaps.classify import OverlapKind, classify
from interregime.analytics.overlaps.detect import candidate_pairs
from interregime.analytics.overlaps.text import strip_references, tokens
from interregime.analytics.parameters.extract import extract_parameters


def _params(code: str, text: str) -> list[tuple[str, object]]:
    return [(code, parameter) for parameter in extract_parameters(text, decimal_comma=False)]


def test_references_and_codes_are_stripped() -> None:
    text = "Machine tools, other than those specified in 2B001 or 2.B.1.a., for removing metals (see also ML10.e)"
    cleaned = strip_references(text)
    assert "2B001" not in cleaned and "2.B.1" not in cleaned and "ML10" not in cleaned
    assert "other than" not in cleaned
    assert tokens(cleaned)[:3] == ["machine", "tool", "removing"]


def test_stricter_thresholds_on_the_same_characteristic_are_nested() -> None:
    wa = _params("2B004.b", "Hot isostatic presses having a maximum working pressure greater than 207 MPa")
    mtcr = _params("2B104.a", "Isostatic presses having a maximum working pressure equal to or greater than 69 MPa")
    result = classify(wa, mtcr, document_cosine=0.4)  # type: ignore[arg-type]
    assert result.kind == OverlapKind.NESTED
    assert "stricter" in result.reasons[0] and result.comparisons


def test_crossing_thresholds_conflict_and_a_carve_out_wins() -> None:
    first = _params("x.a", "Gyros with a drift rate between 0.5 and 2 degrees per hour")
    second = _params("y.a", "Gyros with a drift rate between 1 and 5 degrees per hour")
    assert classify(first, second, 0.5).kind == OverlapKind.CONFLICTING  # type: ignore[arg-type]
    carved = classify(first, second, 0.5, carve_out="explicit carve-out")  # type: ignore[arg-type]
    assert carved.kind == OverlapKind.CARVED_OUT


def test_identical_text_without_thresholds_is_a_duplicate_and_otherwise_related() -> None:
    assert classify([], [], 0.95).kind == OverlapKind.DUPLICATE
    assert classify([], [], 0.30).kind == OverlapKind.RELATED


def test_candidate_pairs_keep_each_entrys_best_partners_in_other_regimes() -> None:
    scores = np.array([[0, 9, 5, 1], [9, 0, 2, 8], [5, 2, 0, 3], [1, 8, 3, 0]], dtype=float)
    regimes = np.array(["WA", "WA", "NSG", "MTCR"], dtype=object)
    cross = regimes[:, None] != regimes[None, :]
    assert candidate_pairs(scores, cross, 1) == [(0, 2), (1, 3)]
    assert (2, 3) in candidate_pairs(scores, cross, 2)


def test_unknown_kind_is_a_clear_error() -> None:
    assert OverlapKind.parse("Carved-Out") == OverlapKind.CARVED_OUT
    with pytest.raises(ValueError, match="unknown overlap kind 'nesting'"):
        OverlapKind.parse("nesting")
