from __future__ import annotations

from interregime.analytics.diff.parameter_changes import Extractor, parameter_changes
from interregime.domain.parameters import Comparator, Parameter


def _fixed(by_text: dict[str, list[Parameter]]) -> Extractor:
    return lambda text: by_text[text]


def _threshold(name: str, value: float, unit: str = "deg/h", si_unit: str = "rad/s") -> Parameter:
    return Parameter(name, Comparator.LT, value, unit=unit, si_value=value * 4.85e-6, si_unit=si_unit)


def test_synonym_characteristics_pair_as_one_threshold_changed() -> None:
    # "bias stability" and "drift rate stability" are one characteristic by compare.same_characteristic.
    # By position alone "scale factor" would pair with "drift rate stability".
    old = [_threshold("scale factor", 2.0), _threshold("bias stability", 0.5)]
    new = [_threshold("drift rate stability", 0.2), _threshold("random walk", 3.0)]
    assert parameter_changes("7A001.a", "old", "new", _fixed({"old": old, "new": new})) == (
        "7A001.a drift rate stability threshold < 0.5 deg/h → < 0.2 deg/h",
        "7A001.a random walk threshold < 2 deg/h → < 3 deg/h",
    )


def test_unchanged_thresholds_pair_first_and_are_not_reported() -> None:
    old = [_threshold("bias stability", 0.5), _threshold("scale factor", 2.0)]
    new = [_threshold("scale factor", 2.0), _threshold("bias stability", 0.2)]
    assert parameter_changes("7A001.a", "old", "new", _fixed({"old": old, "new": new})) == (
        "7A001.a bias stability threshold < 0.5 deg/h → < 0.2 deg/h",)


def test_an_unparsable_unit_from_a_custom_extractor_still_pairs_by_base_unit() -> None:
    old = [_threshold("speed", 1.0, unit="zorks", si_unit="zork")]
    new = [_threshold("speed", 3.0, unit="zorks", si_unit="zork")]
    assert parameter_changes("X", "old", "new", _fixed({"old": old, "new": new})) == (
        "X speed threshold < 1 zorks → < 3 zorks",)


def test_default_extractor_reads_the_texts() -> None:
    assert parameter_changes("1C002.b.1", "an ultimate tensile strength greater than 1 000 MPa",
                             "an ultimate tensile strength greater than 1 200 MPa") == (
        "1C002.b.1 ultimate tensile strength threshold > 1 000 MPa → > 1 200 MPa",)
