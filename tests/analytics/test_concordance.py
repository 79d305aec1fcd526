"""Concordance on the real corpus: hand-checked sample accuracy, national-only entries, deviations."""

from __future__ import annotations

from pathlib import Path

import pytest

from interregime.analytics.concordance import ConcordanceRow, concordance
from interregime.analytics.concordance.evaluation import Label, agrees, read_labels, score
from interregime.analytics.concordance.matching import unglue
from interregime.analytics.concordance.numbering import RuleResult, ccl_munitions, ccl_rule, reserved
from interregime.domain.corpus import Entry, Item
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


def test_hand_checked_samples_accuracy(rows: dict[tuple[str, str], ConcordanceRow]) -> None:
    """s1: the sample the rules were tuned on; s2 (random.Random(11), bench/concordance.py --draw s2) 0.95 when
    first measured; s3 (random.Random(13)) 0.886; s4 (random.Random(17), proportional to the lists' sizes)
    0.958; s5 (random.Random(19), proportional) 0.908; s6 (random.Random(23), 150, proportional, drawn and
    labelled after the last change) 0.980. The floors are the measured figures, so that a regression fails."""
    labels = read_labels(LABELS)
    samples = {label.sample for label in labels}
    assert samples == {"s1", "s2", "s3", "s4", "s5", "s6"}
    assert {label.list_id for label in labels} == {"us-ccl", "in-scomet", "no-list-ii"}
    assert sum(1 for label in labels if label.sample == "s2") >= 80
    assert sum(1 for label in labels if label.sample in ("s3", "s4")) >= 225
    scores = score(rows, labels)
    assert scores["s1"].accuracy >= 0.975 and scores["s2"].accuracy >= 0.99
    assert scores["s3"].accuracy >= 0.95 and scores["s4"].accuracy >= 0.975 and scores["s5"].accuracy >= 0.95
    assert sum(1 for label in labels if label.sample == "s6") >= 150 and scores["s6"].accuracy >= 0.98


def test_agreement_with_a_label() -> None:
    row = ConcordanceRow("in-scomet", "5A301", "", Regime.MTCR, "9E102", "9E102", "text", 0.6)
    assert agrees(row, Label("in-scomet", "5A301", "MTCR", "9E101|9E102", "s2"))
    assert not agrees(row, Label("in-scomet", "5A301", "MTCR", "9E101", "s2"))
    assert agrees(row, Label("in-scomet", "5A301", "MTCR", "", "s2"))
    assert not agrees(row, Label("in-scomet", "5A301", "national", "", "s2"))


def test_glued_words_are_split_only_into_known_words() -> None:
    known = frozenset({"material", "nozzle", "designed", "component", "vibration", "key", "monkeypox"})
    assert unglue("materialssuch", known) == ["material"]
    assert unglue("andnozzles", known) == ["nozzle"]
    assert unglue("designedcomponents", known) == ["designed", "component"]
    assert unglue("invibration", known) == ["vibration"]
    assert unglue("monkey", known) == ["monkey"]
    assert unglue("monkeypox", known) == ["monkeypox"]


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


def test_text_matching_reads_past_extraction_glitches(rows: dict[tuple[str, str], ConcordanceRow]) -> None:
    # "materialssuch as boron slurry": a glued word, and a sub-item read with its parent line
    slurry = rows[("in-scomet", "3A305")]
    assert (slurry.regime, slurry.regime_code) == (Regime.MTCR, "1C111.a.5")
    # "Peste des petits ruminant virus" against "Peste-des-petits-ruminants virus"
    ppr = rows[("in-scomet", "2D035")]
    assert (ppr.regime, ppr.regime_code) == (Regime.AG, "1C351.a.38")
    # a three-line entry that repeats one EU item line (stabilisers named with their CAS numbers)
    stabilisers = rows[("in-scomet", "3A311")]
    assert (stabilisers.regime, stabilisers.regime_code) == (Regime.MTCR, "1C111.c.3")


def test_reserved_scomet_entries_control_nothing(rows: dict[tuple[str, str], ConcordanceRow]) -> None:
    # SCOMET 1C is CWC Schedule 3, but a "(Reserved)" line of it is no chemical at all
    reserved = rows[("in-scomet", "1C004")]
    assert reserved.regime is None and reserved.note == "reserved: controls nothing"
    assert rows[("in-scomet", "1C010")].regime == Regime.CWC


def test_reserved_needs_every_line_reserved() -> None:
    empty = Entry("1C004", "‘(Reserved)’", "1", None, "", [Item("1C004", "‘(Reserved)’", None, 0)])
    assert reserved(empty)
    named = Entry("1C010", "(Reserved)", "1", None, "", [Item("1C010", "Dimethyl Phosphite", None, 0)])
    assert not reserved(named)


def test_renumbered_ccl_entries_are_matched_by_text(rows: dict[tuple[str, str], ConcordanceRow]) -> None:
    # CCL 9B104 (MTCR) is the EU's 9B107: no EU entry of its number, so its text places it
    renumbered = rows[("us-ccl", "9B104")]
    assert (renumbered.regime, renumbered.regime_entry, renumbered.method) == (Regime.MTCR, "9B107", "text")
    # only within its category and group, only closely: NP-only cameras stay national
    assert rows[("us-ccl", "6A293")].regime is None
    # Wassenaar-range ECCNs the EU lacks stay US additions, except the x018 Munitions List items
    assert rows[("us-ccl", "3A090")].regime is None
    assert (rows[("us-ccl", "2E018")].regime, rows[("us-ccl", "2E018")].regime_entry) == (Regime.WA, "ML22")


def test_a_ccl_code_the_eu_now_uses_for_other_goods_is_matched_by_text(
        rows: dict[tuple[str, str], ConcordanceRow]) -> None:
    # CCL 9A120 (UAVs with aerosol dispensing systems, MTCR) is the EU's 9A112; EU 9A120 is propellant tanks
    moved = rows[("us-ccl", "9A120")]
    assert (moved.regime, moved.regime_entry, moved.method) == (Regime.MTCR, "9A112", "text")
    assert "holds other goods" in moved.note
    # same code, same goods with a short ITAR text or a longer US text: the code rule stands
    for code in ("9A006", "9A007", "3E001", "9A115"):
        assert (rows[("us-ccl", code)].regime_entry, rows[("us-ccl", code)].method) == (code, "code rule")


def test_ccl_munitions_list_and_cwc_chemicals_rules() -> None:
    eu = frozenset({"1C350"})
    assert (ccl_munitions("2E018"), ccl_munitions("1D018"), ccl_munitions("1B018")) == ("ML22", "ML21", "ML")
    kept = ccl_rule(Entry("2E018", "", "2", Regime.WA, reasons=["NS", "MT", "AT", "UN"]), eu)
    assert kept is not None and (kept.regime, kept.regime_code) == (Regime.WA, "ML22")
    # the placeholder ECCNs of the same number with no reason for control stay national
    emptied = ccl_rule(Entry("2B018", "", "2", None), eu)
    assert emptied is not None and emptied.regime is None
    chemicals = ccl_rule(Entry("1C355", "", "1", Regime.CWC, reasons=["CW", "AT"]), eu)
    assert chemicals is not None and (chemicals.regime, chemicals.regime_code) == (Regime.CWC, "Schedule")
    technology = ccl_rule(Entry("1E355", "", "1", Regime.CWC, reasons=["CW", "AT"]), eu)
    assert technology is not None and technology.regime is None


def test_scomet_software_and_technology_follow_the_goods_they_name(
        rows: dict[tuple[str, str], ConcordanceRow]) -> None:
    # "items in 3D001 to 3D014": AG chemical and biological equipment, so AG software or technology
    assert (rows[("in-scomet", "3D015")].regime, rows[("in-scomet", "3D015")].regime_entry[:2]) in (
        (Regime.AG, "2D"), (Regime.AG, "2E"))
    # "items in 5A1 and 5A2": MTCR missiles and subsystems, category 9; the text picks the coordination software
    assert (rows[("in-scomet", "5A303")].regime, rows[("in-scomet", "5A303")].regime_entry) == (Regime.MTCR, "9D105")
    assert rows[("in-scomet", "5A301")].regime_entry.startswith("9E1")


def test_a_binomial_whose_species_the_list_lacks_is_not_matched_by_its_genus(
        rows: dict[tuple[str, str], ConcordanceRow]) -> None:
    # the AG lists Rickettsia prowazekii and Puccinia graminis/striiformis, not these species
    assert rows[("in-scomet", "2A037")].regime is None and rows[("in-scomet", "2G011")].regime is None
    # a spelling variant of a listed species still matches (the EU writes "endobioticium")
    assert rows[("in-scomet", "2G030")].regime_entry == "1C354"


def test_deviations_for_real_cases(rows: dict[tuple[str, str], ConcordanceRow]) -> None:
    tubes = [d.detail for d in rows[("no-list-ii", "1A202")].deviations if d.kind == "threshold differs"]
    assert any("75–400 mm" in detail and "75–650 mm" in detail for detail in tubes)
    batteries = [d.detail for d in rows[("us-ccl", "3A001")].deviations if d.kind == "threshold differs"]
    assert any("350 Wh / kg" in detail and "500 Wh / kg" in detail for detail in batteries)
    kinds = {d.kind for row in rows.values() for d in row.deviations}
    assert {"text added", "text missing", "items added", "items missing", "threshold differs"} <= kinds


def test_ccl_rule_leaves_renumbered_regime_entries_to_text() -> None:
    eu = frozenset({"9B107", "3A001"})
    assert ccl_rule(Entry("9B104", "", "9", Regime.MTCR), eu) is None
    assert ccl_rule(Entry("9B107", "", "9", Regime.MTCR), eu) == RuleResult(Regime.MTCR, "9B107", "code rule", 0.99)
    for national in (Entry("3A090", "", "3", Regime.WA), Entry("1C355", "", "1", Regime.CWC)):
        result = ccl_rule(national, eu)
        assert result is not None and result.regime is None, national.code
    # an ITAR placeholder without reasons for control, numbered in a regime's range: text decides
    assert ccl_rule(Entry("9A103", "", "9", None), eu) is None
