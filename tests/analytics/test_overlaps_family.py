"""Software/technology families and regime rules on synthetic units."""

from __future__ import annotations

import numpy as np

from interregime.analytics.overlaps.family import (
    family_links,
    is_broad_knowhow,
    regime_links,
    unrelated_knowhow,
)
from interregime.analytics.overlaps.text import strip_references, tokens
from interregime.analytics.overlaps.units import Unit
from interregime.domain.corpus import Entry
from interregime.domain.regimes import Regime


def _unit(code: str, regime: Regime, heading: str, eu_code: str | None = None, list_id: str = "eu-annex-i") -> Unit:
    eu = code if eu_code is None else eu_code
    entry = Entry(code=code, heading=heading, category=code[0], regime=regime, eu_code=eu)
    return Unit(eu or f"{list_id}:{code}", list_id, code, eu, regime, heading, entry)


USE = '"Technology" according to the General Technology Note for the "use" of equipment specified in 2B201'
DEVELOPMENT = '"Technology" according to the General Technology Note for the "development" of equipment specified in 2B'
UNITS = [
    _unit("2B001", Regime.WA, "Machine tools for removing metals"),
    _unit("2B201", Regime.NSG, "Machine tools, other than those specified in 2B001, for removing metals"),
    _unit("2B005", Regime.WA, "Equipment for the deposition of coatings"),
    _unit("2E201", Regime.NSG, USE),
    _unit("2E001", Regime.WA, DEVELOPMENT),
    _unit("2B350", Regime.AG, "Chemical manufacturing facilities"),
    _unit("2E610", Regime.WA, DEVELOPMENT, eu_code="", list_id="us-ccl"),
]
INDEX = {unit.code: position for position, unit in enumerate(UNITS)}


def _parallel(units: list[Unit]) -> np.ndarray:
    keys = [unit.group + unit.display_code[3:] for unit in units]
    same = np.asarray([[a == b for b in keys] for a in keys], dtype=np.float64)
    np.fill_diagonal(same, 0.0)
    return same


def test_list_series_without_eu_code_have_no_category_family() -> None:
    assert is_broad_knowhow(UNITS[INDEX["2E001"]])
    assert not is_broad_knowhow(UNITS[INDEX["2E610"]])
    support, develops, _ = family_links(UNITS)
    assert support[INDEX["2B350"], INDEX["2E001"]] == 1.0
    assert support[INDEX["2B350"], INDEX["2E610"]] == develops[INDEX["2B350"], INDEX["2E610"]] == 0.0


def test_base_list_development_covers_other_regimes_goods() -> None:
    base_development, _ = regime_links(UNITS, _parallel(UNITS))
    assert base_development[INDEX["2B350"], INDEX["2E001"]] == 1.0
    assert base_development[INDEX["2E001"], INDEX["2B201"]] == 1.0
    assert base_development[INDEX["2B001"], INDEX["2E001"]] == 0.0  # same base list, not another regime's goods
    assert base_development[INDEX["2B350"], INDEX["2E201"]] == 0.0  # not the base list's technology


def test_use_technology_reaches_base_goods_with_a_parallel_entry_of_its_regime() -> None:
    _, parallel_knowhow = regime_links(UNITS, _parallel(UNITS))
    assert parallel_knowhow[INDEX["2B001"], INDEX["2E201"]] == parallel_knowhow[INDEX["2E201"], INDEX["2B001"]] == 1.0
    assert parallel_knowhow[INDEX["2B005"], INDEX["2E201"]] == 0.0  # no NSG entry numbered 2B205
    assert parallel_knowhow[INDEX["2B001"], INDEX["2E001"]] == 0.0


def test_knowhow_for_different_activities_or_goods_is_unrelated() -> None:
    units = [
        _unit("3D101", Regime.MTCR, '"Software" specially designed for the "use" of equipment specified in 3A101'),
        _unit("3D001", Regime.WA, '"Software" specially designed for the "development" of equipment in 3A001'),
        _unit("6D102", Regime.MTCR, '"Software" specially designed for the "use" of gravity meters in 6A107'),
        _unit("6D002", Regime.WA, '"Software" specially designed for the "use" of gravity meters in 6A007'),
        _unit("6A007", Regime.WA, "Gravity meters"),
    ]
    unrelated = unrelated_knowhow(units)
    assert unrelated[0, 1] == unrelated[1, 0] == 1.0  # "use" against "development"
    assert unrelated[2, 3] == 0.0  # same activity, both about gravity meters
    assert unrelated[2, 0] == 1.0  # same activity, no subject word shared
    assert not unrelated[4].any()  # goods are never scored here


def test_other_than_clauses_and_military_list_references_are_stripped() -> None:
    for text in ("Tungsten alloys, other than that specified in 1C117, having both",
                 "High explosives, other than those specified in the Military Goods Controls, with a density",
                 '"Software" (other than "software" controlled in 0D617.y) for the "development"'):
        cleaned = tokens(strip_references(text))
        assert not {"1c117", "military", "good", "controls", "0d617"} & set(cleaned), cleaned
    assert tokens(strip_references("Tungsten alloys, other than that specified in 1C117, having both")) == [
        "tungsten", "alloy", "both"]
