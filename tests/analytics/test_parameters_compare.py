"""compare(): shared characteristics and threshold relations between entries of overlapping scope."""

from __future__ import annotations

from pathlib import Path

from interregime.analytics.parameters.compare import (
    Relation,
    compare_entries,
    compare_parameters,
    relation,
    same_characteristic,
)
from interregime.analytics.parameters.extract import extract_parameters
from interregime.analytics.parameters.spec import characteristic_name
from tests.analytics.parameter_fixtures import eu_content


def _one(text: str):  # type: ignore[no-untyped-def]
    (parameter,) = extract_parameters(text)
    return parameter


def test_relations_between_thresholds() -> None:
    le_09 = _one("a repeatability equal to or less than 0,9 μm")
    assert relation(le_09, _one("a repeatability equal to or less than 900 nm")) == Relation.SAME
    assert relation(le_09, _one("a repeatability less than 1,1 μm")) == Relation.STRICTER
    assert relation(_one("a repeatability less than 6 μm"), le_09) == Relation.LOOSER
    assert relation(_one("a length exceeding 2 m"), _one("a length less than 1 m")) == Relation.DISJOINT
    assert relation(_one("a length from 1 m to 4 m"), _one("a length exceeding 2 m")) == Relation.OVERLAPPING
    assert relation(_one("a length less than 1 m"), _one("a length equal to or greater than 1 m")) == (
        Relation.DISJOINT)


def test_maraging_steel_1c116_and_1c216(sources_dir: Path) -> None:
    content = eu_content(sources_dir)
    comparisons = compare_entries(content.entry("1C116"), content.entry("1C216"))  # type: ignore[arg-type]
    found = {(c.first_item, c.second_item, c.characteristic, c.relation) for c in comparisons}
    assert found == {
        ("1C116.a.1", "1C216", "ultimate tensile strength", Relation.LOOSER),
        ("1C116.a.2", "1C216", "ultimate tensile strength", Relation.LOOSER),
    }
    reverse = compare_entries(content.entry("1C216"), content.entry("1C116"))  # type: ignore[arg-type]
    assert {c.relation for c in reverse} == {Relation.STRICTER}


def test_machine_tools_2b001_and_2b201(sources_dir: Path) -> None:
    content = eu_content(sources_dir)
    comparisons = compare_entries(content.entry("2B001"), content.entry("2B201"))  # type: ignore[arg-type]
    by_pair = {(c.first_item, c.second_item): c.relation for c in comparisons}
    assert by_pair[("2B001.b.2", "2B201.a.3")] == Relation.SAME
    assert by_pair[("2B001.b.2", "2B201")] == Relation.STRICTER
    assert by_pair[("2B001.a", "2B201.a.3")] == Relation.LOOSER
    assert all(c.characteristic.endswith("axes") for c in comparisons)


def test_same_characteristic_table_names_one_characteristic_twice() -> None:
    bias = _one('A "bias" "stability" of less (better) than 0,5 degree per hour')
    drift = _one("with a rated \"drift rate\" 'stability' of less than 0,5° (1 sigma or rms) per hour")
    assert (bias.characteristic, drift.characteristic) == ("bias stability", "drift rate stability")
    assert characteristic_name("Drift rate 'stability'") == "bias stability"
    assert same_characteristic(bias, drift) and same_characteristic(drift, bias)
    (comparison,) = compare_parameters([("7A002.a.1.a", bias)], [("7A102", drift)])
    assert comparison.relation == Relation.SAME
    looser = _one('A "bias" "stability" of less (better) than 4 degrees per hour')
    assert compare_parameters([("a", looser)], [("b", drift)])[0].relation == Relation.LOOSER


def test_same_characteristic_still_needs_the_same_dimension_and_a_listed_name() -> None:
    drift = _one("a drift rate stability of less than 0,5 degree per hour")
    accelerometer = _one("a bias stability of less than 130 micro g")
    assert accelerometer.unit != drift.unit and not same_characteristic(drift, accelerometer)
    assert not same_characteristic(drift, _one("a scale factor stability of less than 0,5 degree per hour"))
    assert characteristic_name("angle random walk") == "angle random walk"
