"""Concordance on the real corpus: hand-checked sample accuracy, national-only entries, deviations."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from interregime.analytics.concordance import ConcordanceRow, concordance
from interregime.analytics.concordance.numbering import ccl_munitions
from interregime.domain.regimes import Regime
from tests.analytics.overlap_corpus import contents

pytestmark = pytest.mark.slow
LABELS = Path(__file__).resolve().parents[1] / "data" / "concordance_labelled.csv"


@pytest.fixture(scope="module")
def rows(sources_dir: Path) -> dict[tuple[str, str], ConcordanceRow]:
    loaded = contents(sources_dir)
    return {(row.list_id, row.code): row
            for list_id in ("us-ccl", "in-scomet", "no-list-ii", "eu-annex-i")
            for row in concordance(loaded, list_id)}


def _agrees(row: ConcordanceRow, label: dict[str, str]) -> bool:
    regime = row.regime.value if row.regime else "national"
    entry = row.regime_entry if row.regime_entry.startswith("Schedule") else row.regime_entry.split(".")[0]
    return regime == label["regime"] and (not label["regime_entry"] or entry == label["regime_entry"])


def test_hand_checked_sample_accuracy(rows: dict[tuple[str, str], ConcordanceRow]) -> None:
    with LABELS.open(encoding="utf-8") as stream:
        labels = list(csv.DictReader(stream))
    assert len(labels) >= 100 and {label["list"] for label in labels} == {"us-ccl", "in-scomet", "no-list-ii"}
    right = [_agrees(rows[(label["list"], label["code"])], label) for label in labels]
    assert sum(right) / len(right) >= 0.95


def test_every_entry_of_every_list_gets_a_row(rows: dict[tuple[str, str], ConcordanceRow],
                                              sources_dir: Path) -> None:
    loaded = contents(sources_dir)
    for list_id in ("us-ccl", "in-scomet", "no-list-ii", "eu-annex-i"):
        assert {code for lid, code in rows if lid == list_id} == {e.code for e in loaded[list_id].entries}
    assert all(0 < row.confidence <= 1 for row in rows.values())


def test_numbering_rules(rows: dict[tuple[str, str], ConcordanceRow]) -> None:
    assert rows[("us-ccl", "2B001")].regime_code == "2.B.1"
    assert rows[("us-ccl", "9A610")].regime_code == "ML10"
    assert rows[("in-scomet", "8B201")].regime_entry == "2B001"
    assert rows[("in-scomet", "8B201")].regime_code == "2.B.1"
    assert rows[("in-scomet", "6A004")].regime_code == "ML4"
    assert rows[("no-list-ii", "1C216")].regime == Regime.NSG
    assert (ccl_munitions("0A505"), ccl_munitions("0D501"), ccl_munitions("9A619"), ccl_munitions("2B001")) == (
        "ML3", "ML21", "ML10", None)


def test_national_only_entries(rows: dict[tuple[str, str], ConcordanceRow]) -> None:
    for key in [("us-ccl", "3A090"), ("us-ccl", "4A906"), ("us-ccl", "5A992"), ("eu-annex-i", "3A501"),
                ("eu-annex-i", "4A506"), ("in-scomet", "7A")]:
        row = rows[key]
        assert row.regime is None and row.deviations[0].kind == "national only", key


def test_text_matching_places_scomet_entries(rows: dict[tuple[str, str], ConcordanceRow]) -> None:
    marburg = rows[("in-scomet", "2D027")]
    assert (marburg.regime, marburg.regime_code, marburg.method) == (Regime.AG, "1C351.a.31", "text")
    presses = rows[("in-scomet", "5A208")]
    assert (presses.regime, presses.regime_entry) == (Regime.MTCR, "2B104")


def test_deviations_for_real_cases(rows: dict[tuple[str, str], ConcordanceRow]) -> None:
    tubes = [d.detail for d in rows[("no-list-ii", "1A202")].deviations if d.kind == "threshold differs"]
    assert any("75–400 mm" in detail and "75–650 mm" in detail for detail in tubes)
    batteries = [d.detail for d in rows[("us-ccl", "3A001")].deviations if d.kind == "threshold differs"]
    assert any("350 Wh / kg" in detail and "500 Wh / kg" in detail for detail in batteries)
    kinds = {d.kind for row in rows.values() for d in row.deviations}
    assert {"text added", "text missing", "items added", "items missing", "threshold differs"} <= kinds
