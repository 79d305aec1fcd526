"""`check_entry` worked cases on real EU Annex I entries, one or more per category 0–9."""

from __future__ import annotations

from pathlib import Path

import pytest

from interregime.analytics.parameters.check import CheckResult, Status, Verdict, check_entry
from interregime.analytics.parameters.spec import SpecError
from interregime.domain.corpus import Entry
from tests.analytics.parameter_fixtures import eu_content


@pytest.fixture
def eu(sources_dir: Path) -> dict[str, Entry]:
    return {entry.code: entry for entry in eu_content(sources_dir).entries}


def _steps(result: CheckResult, item: str) -> list[tuple[str, str, Status]]:
    return [(step.parameter, step.comparison, step.status) for step in result.path if step.item == item]


def test_category_0_quantity_threshold(eu: dict[str, Entry]) -> None:
    assert check_entry(eu["0A001"], {"quantities": "12 kg"}).verdict == Verdict.CONTROLLED
    result = check_entry(eu["0A001"], {"quantities": "5000 g"})
    assert result.verdict == Verdict.NOT_CONTROLLED
    assert _steps(result, "0A001.f") == [("quantities", "5 kg > 10 kg", Status.NOT_MET)]


def test_category_0_note_decided_by_description_only(eu: dict[str, Entry]) -> None:
    # 0C004 Note 1 repeats the entry's thresholds and differs only by "not for use in a nuclear reactor":
    # the values cannot decide it, so it is reported, not applied.
    result = check_entry(eu["0C004"], "purity level=3 ppm, density=1.7 g/cm3, quantities=2 kg")
    assert result.verdict == Verdict.CONTROLLED
    assert result.decontrolled_by == []
    assert [note.split(":")[0] for note in result.notes_to_consider] == ["0C004 Note 1"]
    assert check_entry(eu["0C004"], "purity level=3 ppm, density=1.7 g/cm3").verdict == Verdict.UNDETERMINED


def test_category_1_decontrol_by_dimensions(eu: dict[str, Entry]) -> None:
    controlled = check_entry(eu["1C216"], {"uts": "2 GPa", "linear dimensions": "80 mm"})
    assert controlled.verdict == Verdict.CONTROLLED
    assert controlled.exclusions == ["1C116"]
    released = check_entry(eu["1C216"], {"uts": "2 GPa", "linear dimensions": "70 mm"})
    assert released.verdict == Verdict.NOT_CONTROLLED
    assert released.decontrolled_by == [
        "1C216 Note: 1C216 does not control forms in which all linear dimensions are 75 mm or less."]


def test_category_1_all_of_the_following_and_undetermined(eu: dict[str, Entry]) -> None:
    result = check_entry(eu["1C116"], {"ultimate tensile strength": "1.6 GPa"})
    assert result.verdict == Verdict.UNDETERMINED
    assert result.missing == ["wall or plate thickness", "wall thickness", "inner diameter"]
    assert check_entry(eu["1C116"], {"uts": "1600 MPa", "thickness": "4 mm"}).verdict == Verdict.CONTROLLED
    weak = check_entry(eu["1C116"], {"uts": "0.8 GPa", "thickness": "4 mm"})
    assert weak.verdict == Verdict.NOT_CONTROLLED


def test_category_2_machine_tool_with_unit_conversion(eu: dict[str, Entry]) -> None:
    spec = "axes=5, unidirectional positioning repeatability=0.8 um, travel=0.8 m"
    result = check_entry(eu["2B001"], spec)
    assert result.verdict == Verdict.CONTROLLED
    assert ("unidirectional positioning repeatability", "0.8 µm ≤ 0.9 µm", Status.MET) in _steps(result, "2B001.b.2.a")
    assert ("travel length", "0.8 m < 1 m", Status.MET) in _steps(result, "2B001.b.2.a")
    same = check_entry(eu["2B001"], {"axes": 5, "repeatability": "0.0008 mm", "travel": "800 mm"})
    assert same.verdict == Verdict.CONTROLLED
    assert ("unidirectional positioning repeatability", "0.8 µm ≤ 0.9 µm", Status.MET) in _steps(same, "2B001.b.2.a")


def test_category_2_range_bounds(eu: dict[str, Entry]) -> None:
    inside = check_entry(eu["2A101"], "iso 492 tolerance class=2, inner ring bore diameter=30 mm, "
                                      "outer ring outside diameter=60 mm, width=15 mm")
    assert inside.verdict == Verdict.CONTROLLED
    wide = check_entry(eu["2A101"], "iso 492 tolerance class=2, inner ring bore diameter=30 mm, "
                                    "outer ring outside diameter=60 mm, width=25 mm")
    assert wide.verdict == Verdict.NOT_CONTROLLED
    assert ("width", "10 mm ≤ 25 mm ≤ 20 mm", Status.NOT_MET) in _steps(wide, "2A101.c")


def test_category_3_all_of_three(eu: dict[str, Entry]) -> None:
    spec = {"power": "50 VA", "frequency": "1 kHz", "frequency control": "0.1 %"}
    assert check_entry(eu["3A225"], spec).verdict == Verdict.CONTROLLED
    spec["frequency"] = "500 Hz"
    assert check_entry(eu["3A225"], spec).verdict == Verdict.NOT_CONTROLLED


def test_category_4_adjusted_peak_performance(eu: dict[str, Entry]) -> None:
    assert check_entry(eu["4A003"], {"app": "80 WT", "unidirectional data rates": "1 GB/s"}).verdict == (
        Verdict.CONTROLLED)
    assert check_entry(eu["4A003"], {"app": "50 WT", "unidirectional data rates": "1 GB/s"}).verdict == (
        Verdict.NOT_CONTROLLED)


def test_category_5_receiver_all_of_the_following(eu: dict[str, Entry]) -> None:
    result = check_entry(eu["5A001"], {"channels": 1200, "channel switching time": "500 µs"})
    assert result.verdict == Verdict.CONTROLLED
    assert ("channel switching time", "0.5 ms < 1 ms", Status.MET) in _steps(result, "5A001.b.5.b")


def test_category_6_both_characteristics(eu: dict[str, Entry]) -> None:
    assert check_entry(eu["6A202"], "photocathode area=25 cm2, anode pulse rise time=800 ps").verdict == (
        Verdict.CONTROLLED)
    slow = check_entry(eu["6A202"], "photocathode area=25 cm2, anode pulse rise time=2 ns")
    assert slow.verdict == Verdict.NOT_CONTROLLED


def test_category_7_accuracy_is_lower_better(eu: dict[str, Entry]) -> None:
    assert check_entry(eu["7A008"], {"positioning accuracy": "2 %"}).verdict == Verdict.CONTROLLED
    assert check_entry(eu["7A008"], {"positioning accuracy": "4 %"}).verdict == Verdict.NOT_CONTROLLED


def test_category_8_density_and_depth(eu: dict[str, Entry]) -> None:
    assert check_entry(eu["8C001"], "marine depths=1500 m, density=500 kg/m3").verdict == Verdict.CONTROLLED
    assert check_entry(eu["8C001"], "marine depths=1500 m, density=0.6 g/cm3").verdict == Verdict.NOT_CONTROLLED


def test_category_9_any_of_the_following(eu: dict[str, Entry]) -> None:
    assert check_entry(eu["9A009"], {"thrust levels": "250 kN"}).verdict == Verdict.CONTROLLED
    unknown = check_entry(eu["9A009"], {"thrust levels": "200 kN"})
    assert unknown.verdict == Verdict.UNDETERMINED
    assert unknown.missing == ["total impulse capacity"]


def test_unknown_key_and_impossible_unit(eu: dict[str, Entry]) -> None:
    with pytest.raises(SpecError, match="unknown spec key 'colour' for 2B001"):
        check_entry(eu["2B001"], {"colour": "red"})
    with pytest.raises(SpecError, match="spec key 'repeatability': '5 kg' is a mass quantity"):
        check_entry(eu["2B001"], "repeatability=5 kg")
    with pytest.raises(SpecError, match="has no unit"):
        check_entry(eu["2B001"], "repeatability=5")
    with pytest.raises(SpecError, match="unknown unit 'furlongz'"):
        check_entry(eu["2B001"], "repeatability=5 furlongz")
