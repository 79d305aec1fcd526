"""Overlap kinds from each item's own thresholds (children inheriting their parent's characteristic),
on the real corpus with the cross-references ignored, and the wording of the compared thresholds."""

from __future__ import annotations

from pathlib import Path

import pytest

from interregime.analytics.overlaps import OverlapKind, detect
from interregime.analytics.overlaps.classify import CARVE_OUTS_NOT_CONSULTED, classify
from interregime.analytics.overlaps.detect import Detection, Overlap
from interregime.analytics.overlaps.similarity import unit_parameters
from interregime.analytics.parameters.extract import extract_parameters
from interregime.analytics.parameters.logic import entry_logic
from interregime.analytics.parameters.numbers import decimal_comma_for
from interregime.domain.parameters import Parameter
from tests.analytics.overlap_corpus import contents


def _params(code: str, text: str) -> list[tuple[str, Parameter]]:
    return [(code, parameter) for parameter in extract_parameters(text, decimal_comma=False)]


def test_comparisons_read_stricter_than_and_disjoint_from() -> None:
    fine = _params("2B001.a.1", "unidirectional positioning repeatability equal to or less than 0.9 µm")
    coarse = _params("2B201.a.1", "unidirectional positioning repeatability equal to or less than 1.1 µm")
    nested = classify(fine, coarse, 0.5)
    assert nested.kind == OverlapKind.NESTED
    assert nested.comparisons == ("2B001.a.1 unidirectional positioning repeatability ≤ 0.9 µm is stricter than "
                                  "2B201.a.1 ≤ 1.1 µm",)
    low = _params("x.a", "Gyros with a drift rate less than 0.5 degrees per hour")
    high = _params("y.a", "Gyros with a drift rate greater than 2 degrees per hour")
    apart = classify(low, high, 0.5)
    assert apart.kind == OverlapKind.CARVED_OUT
    assert "is disjoint from" in apart.comparisons[0] and not any("than/as" in text for text in apart.comparisons)


def test_each_threshold_is_compared_with_its_nearest_counterpart() -> None:
    first = _params("a.1", "having 2 or more axes") + _params("a.2", "having 5 or more axes")
    second = _params("b.1", "having 2 or more axes") + _params("b.2", "having 5 or more axes")
    result = classify(first, second, 0.5)
    assert result.kind == OverlapKind.NESTED and "every shared threshold is the same" in result.reasons[0]
    assert all("is the same as" in text for text in result.comparisons)


def test_ignoring_cross_references_says_carve_outs_were_not_consulted() -> None:
    first = _params("x.a", "Gyros with a drift rate between 0.5 and 2 degrees per hour")
    second = _params("y.a", "Gyros with a drift rate between 1 and 5 degrees per hour")
    blind = classify(first, second, 0.5, carve_outs_consulted=False)
    assert blind.kind == OverlapKind.CONFLICTING and blind.reasons[-1] == CARVE_OUTS_NOT_CONSULTED
    assert "without a carve-out" not in blind.reasons[0]
    assert "without a carve-out" in classify(first, second, 0.5).reasons[0]


@pytest.fixture(scope="module")
def blind(sources_dir: Path) -> Detection:
    return detect(list(contents(sources_dir).values()), ignore_xrefs=True)


def _pair(detection: Detection, first: str, second: str) -> Overlap:
    return next(o for o in detection.overlaps if {o.a.code, o.b.code} == {first, second})


@pytest.mark.slow
def test_overlap_thresholds_are_the_stored_item_logic(blind: Detection) -> None:
    unit = next(unit for unit in blind.units if unit.display_code == "1C116")
    logic = entry_logic(unit.entry, decimal_comma_for(unit.list_id))
    assert unit_parameters(unit) == [(code, p) for code, item in logic.items() for p in item.parameters]
    inherited = dict(unit_parameters(unit))["1C116.a.1"]
    assert inherited.characteristic == "ultimate tensile strength" and inherited.si_value == pytest.approx(0.9e9)


@pytest.mark.slow
def test_maraging_steel_is_nested_by_tensile_strength_without_cross_references(blind: Detection) -> None:
    steel = _pair(blind, "1C116", "1C216")
    assert steel.kind == OverlapKind.NESTED
    assert steel.a.code == "1C116" and "looser" in steel.reasons[0]
    assert CARVE_OUTS_NOT_CONSULTED in steel.reasons
    assert ("1C116.a.2 ultimate tensile strength ≥ 1.5 GPa is looser than 1C216 ≥ 1950 MPa"
            in steel.comparisons)
    assert any("≥ 0.9 GPa is looser than 1C216" in text for text in steel.comparisons)


@pytest.mark.slow
def test_machine_tools_share_their_axis_thresholds_without_cross_references(blind: Detection) -> None:
    tools = _pair(blind, "2B001", "2B201")
    assert tools.kind == OverlapKind.NESTED
    assert "2B001.a axes ≥ 2 is the same as 2B201 ≥ 2" in tools.comparisons
    assert all("is the same as" in text for text in tools.comparisons)


@pytest.mark.slow
def test_blind_kinds_come_from_thresholds_on_many_pairs(blind: Detection) -> None:
    kinds = [overlap.kind for overlap in blind.overlaps]
    assert sum(kind in (OverlapKind.NESTED, OverlapKind.CONFLICTING) for kind in kinds) > 100
    assert all(CARVE_OUTS_NOT_CONSULTED in overlap.reasons for overlap in blind.overlaps)


@pytest.mark.slow
def test_gyro_bias_and_drift_rate_stability_are_compared_and_uav_range_is_read(blind: Detection) -> None:
    gyros = _pair(blind, "7A002", "7A102")
    assert gyros.kind == OverlapKind.NESTED and gyros.a.code == "7A002"
    assert gyros.comparisons == (
        "7A002.a.1.a bias stability < 0.5 deg / h is the same as 7A102 drift rate stability < 0.5 deg / h",
        "7A002.a.2.a bias stability < 4 deg / h is looser than 7A102 drift rate stability < 0.5 deg / h",
    )
    uav = next(unit for unit in blind.units if unit.display_code == "9A112" and unit.list_id == "eu-annex-i")
    (range_,) = [p for code, p in unit_parameters(uav) if code == "9A112.a"]
    assert (range_.characteristic, range_.comparator.value, range_.si_value) == ("range", ">=", 300e3)
    us = next(o for o in blind.overlaps if {o.a.code, o.b.code} == {"9A112", "9A604"})
    assert "9A112.a range ≥ 300 km is the same as 9A604.d ≥ 300 km" in us.comparisons
