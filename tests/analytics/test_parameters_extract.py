"""Extraction of thresholds from real item lines, number formats, units and comparator idioms."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from interregime.analytics.parameters.extract import extract_parameters
from interregime.analytics.parameters.numbers import NumberError, decimal_comma_for, parse_number
from interregime.analytics.parameters.units import UnitError, parse_unit, to_si
from interregime.domain.parameters import Comparator, Parameter

DATA = Path(__file__).resolve().parents[1] / "data"
LABELLED = DATA / "parameters_labelled.jsonl"
HELDOUT = DATA / "parameters_heldout.jsonl"
HELDOUT2 = DATA / "parameters_heldout2.jsonl"


@pytest.mark.parametrize(("text", "value"), [
    ("0,9", 0.9), ("1 000", 1000.0), ("99,999", 99.999), ("3 × 10^8", 3e8), ("3 x 10 8", 3e8),
    ("1,5 × 10-6", 1.5e-6), ("2 × 106", 2e6), ("10⁻⁶", 1e-6), ("1/3", 1 / 3), ("five", 5.0),
    ("23,5 × 104", 235000.0),
])
def test_number_formats(text: str, value: float) -> None:
    assert math.isclose(parse_number(text, decimal_comma=True), value)


def test_us_style_thousands() -> None:
    assert parse_number("1,750", decimal_comma=False) == 1750.0
    assert parse_number("1,750", decimal_comma=True) == 1.75
    assert decimal_comma_for("us-ccl") is False and decimal_comma_for("eu-annex-i") is True


def test_not_a_number() -> None:
    with pytest.raises(NumberError, match="not a number"):
        parse_number("ten-ish")


@pytest.mark.parametrize(("spelling", "si"), [
    ("μm", (1e-6, "m")), ("µm", (1e-6, "m")), ("seconds of arc", (math.pi / 648000, "rad")),
    ("g/cm3", (1000.0, "kg / m ** 3")), ("GHz", (1e9, "1 / s")), ("Gy(Si)", (1.0, "m ** 2 / s ** 2")),
    ("%", (0.01, "")), ("words per second", (1.0, "word / s")), ("N·m", (1.0, "kg * m ** 2 / s ** 2")),
])
def test_unit_spellings(spelling: str, si: tuple[float, str]) -> None:
    value, unit = to_si(1.0, parse_unit(spelling))
    assert math.isclose(value, si[0], rel_tol=1e-6) and unit == si[1]


def test_unknown_unit() -> None:
    with pytest.raises(UnitError, match="furlongz"):
        parse_unit("furlongz")


def _only(text: str, decimal_comma: bool | None = None) -> Parameter:
    parameters = extract_parameters(text, decimal_comma)
    assert len(parameters) == 1, parameters
    return parameters[0]


def test_repeatability_with_travel_condition() -> None:
    parameter = _only('"Unidirectional positioning repeatability" equal to or less (better) than 0,9 μm along '
                      "one or more linear axis with a travel length less than 1,0 m; or")
    assert parameter.characteristic == "unidirectional positioning repeatability"
    assert parameter.defined_term == "Unidirectional positioning repeatability"
    assert (parameter.comparator, parameter.value, parameter.unit) == (Comparator.LE, 0.9, "µm")
    assert parameter.si_value is not None and math.isclose(parameter.si_value, 9e-7)
    assert parameter.qualifier == "along one or more linear axis with a travel length less than 1,0 m"
    (travel,) = parameter.conditions
    assert (travel.characteristic, travel.comparator, travel.value, travel.unit) == ("travel length", "<", 1.0, "m")


def test_compound_range_condition() -> None:
    parameter = _only('"Unidirectional positioning repeatability" equal to or less (better) than 1,4 μm along one or '
                      "more linear axis with a travel length equal to or greater than 1 m and less than 4 m; or")
    (travel,) = parameter.conditions
    assert (travel.comparator, travel.low, travel.high, travel.low_inclusive, travel.high_inclusive) == (
        Comparator.RANGE, 1.0, 4.0, True, False)


def test_suffix_comparator_and_qualifier() -> None:
    parameter = _only("Maraging steel, other than that specified in 1C116, 'capable of' an ultimate tensile strength "
                      "of 1950 MPa or more, at 293 K (20 °C).")
    assert (parameter.characteristic, parameter.comparator, parameter.value, parameter.unit) == (
        "ultimate tensile strength", Comparator.GE, 1950.0, "MPa")
    assert parameter.qualifier == "at 293 K"


def test_counted_axes_and_seconds_of_arc() -> None:
    axes = _only('Five or more axes which can be coordinated simultaneously for "contouring control";')
    assert (axes.characteristic, axes.comparator, axes.value, axes.unit) == ("axes", Comparator.GE, 5.0, "")
    arc = _only("Angular deviation of slide movement (yaw, pitch and roll) less (better) than 2 seconds of arc, "
                "TIR over 300 mm of travel;")
    assert (arc.characteristic, arc.comparator, arc.unit) == ("angular deviation of slide movement", "<", "arcsec")


def test_up_to_and_including_range_and_percent() -> None:
    found = extract_parameters(
        "A peak saturated power output greater than 0,2 W (23 dBm) at any frequency exceeding "
        '43,5 GHz up to and including 75 GHz, and with a "fractional bandwidth" of greater than 10 %;'
    )
    assert [(p.characteristic, p.comparator.value, p.unit) for p in found] == [
        ("peak saturated power output", ">", "W"), ("fractional bandwidth", ">", "%")]
    (frequency,) = found[0].conditions
    assert (frequency.low, frequency.high, frequency.high_inclusive) == (43.5, 75.0, True)


def test_us_ccl_line_and_exponent() -> None:
    parameter = _only("Solid propellant rocket motors or hybrid rocket motors having a total impulse capacity equal to "
                      "or greater than 8.41 × 105 Ns; or", decimal_comma=False)
    assert (parameter.comparator, parameter.value, parameter.unit) == (Comparator.GE, 841000.0, "N * s")


Triple = tuple[str, float | None, float | None, float | None]


def _triples(text: str, decimal_comma: bool | None = None) -> list[Triple]:
    """(comparator, value, low, high) in SI units of every threshold, conditions included."""
    found: list[Triple] = []
    for parameter in _flatten(extract_parameters(text, decimal_comma)):
        found.append((parameter.comparator.value, parameter.si_value, parameter.si_low, parameter.si_high))
    return found


@pytest.mark.parametrize(("text", "decimal_comma", "expected"), [
    ("Designed to operate in vibration environments greater than 5 g rms between 10 Hz and 3 kHz;", True,
     [(">", 5 * 9.80665, None, None), ("range", None, 10.0, 3000.0)]),
    ("Loss tangent less than 0,01 at any frequency from 500 MHz to 40 GHz;", True,
     [("<", 0.01, None, None), ("range", None, 5e8, 4e10)]),
    ("Designed to operate at an internal pressure of 0,5 to 7 MPa;", True, [("range", None, 5e5, 7e6)]),
    ("Radio equipment operating in the 2 MHz to 30 MHz band;", True, [("range", None, 2e6, 3e7)]),
    ("Rated for operation at a temperature below 200 K (-73 °C) or above 400 K (127 °C);", True,
     [("<", 200.0, None, None), (">", 400.0, None, None)]),
    ("For dilute solutions (2 % or greater), a flow of 3 kg/s or more;", True,
     [(">=", 0.02, None, None), (">=", 3.0, None, None)]),
    ("Having a navigational accuracy of 50 m 'CEP' or less;", True, [("<=", 50.0, None, None)]),
    ("Designed to operate at stress levels of 40 % of yield strength or more;", True, [(">=", 0.4, None, None)]),
    ("A repeatability equal to or less than 2 µm alongone or more linear axis;", False, [("<=", 2e-6, None, None)]),
    ("Systems capable of delivering at least a 200 kg payload;", True, [(">=", 200.0, None, None)]),
    ("A rate stability equal to or better (less) than plus or minus 0,1 %;", True, [("<=", 0.001, None, None)]),
    ("Positioning accuracies to within 5 m of a predetermined point;", True, [("<=", 5.0, None, None)]),
    ("Designed to cruise for more than forty minutes;", True, [(">", 2400.0, None, None)]),
    ("An output rate greater than 50 million words per second;", False, [(">", 5e7, None, None)]),
])
def test_idioms_of_unseen_lines(text: str, decimal_comma: bool, expected: list[Triple]) -> None:
    found = _triples(text, decimal_comma)
    assert len(found) == len(expected), found
    for (comparator, value, low, high), wanted in zip(found, expected, strict=True):
        assert comparator == wanted[0]
        for number, target in zip((value, low, high), wanted[1:], strict=True):
            assert (number is None) == (target is None) and (number is None or math.isclose(number, target))


@pytest.mark.parametrize(("text", "decimal_comma", "value", "unit"), [
    ("An absorption of less than 10-5 cm-1;", True, 1e-5, "1 / cm"),
    ("A product of delay and power of less than 10 −12 J; or", False, 1e-12, "J"),
    ("A 'C-NOT error' of less than or equal to 10-2;", True, 0.01, ""),
    ("Wind tunnels designed for speeds of Mach 1,5 or more;", True, 1.5, "Mach"),
    ("Flow-environments at speeds exceeding Mach 4, including shock tubes;", False, 4.0, "Mach"),
    ("A positioning accuracy equal to or better than 3 arc-second.", False, 3.0, "arcsec"),
    ("An angle random walk of less (better) than or equal to 0,2 degree per square root hour;", True, 0.2,
     "deg / h ** 0.5"),
    ("A long-term stability less (better) than 2 × 10-10/month;", True, 2e-10, "1 / month"),
    ("A conductivity exceeding 5 000 S/m;", True, 5000.0, "S / m"),
    ("A sheet resistivity of less than 50 ohms/square;", True, 50.0, "Ω"),
    ("A resistivity of 3 × 10-3 ohm cm or more.", True, 3e-3, "cm * Ω"),
    ("Capable of vibrating at 8 g RMS or more;", True, 8.0, "g_0"),
])
def test_units_of_unseen_lines(text: str, decimal_comma: bool, value: float, unit: str) -> None:
    parameter = _only(text, decimal_comma)
    assert math.isclose(parameter.value or 0.0, value) and parameter.unit == unit


@pytest.mark.parametrize("text", [
    '"Nuclear reactors";',
    "Materials specified in 1C010.c.",
    "Software specially designed for equipment specified in 1B001 to 1B003.",
    "An acoustic carrier frequency outside the range from 20 kHz to 60 kHz;",
    "A total dose of 5 × 105 Rads (Si) (5 × 103 Gy (Si));",
    "Water vapour at a pressure of 10-14 bar in the range specified in 2B001.",
])
def test_lines_without_thresholds(text: str) -> None:
    assert extract_parameters(text) == []


def _flatten(parameters: list[Parameter]) -> list[Parameter]:
    return [q for p in parameters for q in [p, *_flatten(list(p.conditions))]]


def _same(label: dict[str, object], parameter: Parameter) -> bool:
    if label["comparator"] != parameter.comparator.value:
        return False
    for key in ("value", "low", "high"):
        expected, actual = label[key], getattr(parameter, key)
        if (expected is None) != (actual is None):
            return False
        if expected is not None:
            want = to_si(float(expected), parse_unit(str(label["unit"])))  # type: ignore[arg-type]
            got = to_si(actual, parse_unit(parameter.unit))
            if want[1] != got[1] or not math.isclose(want[0], got[0], rel_tol=1e-6):
                return False
    return True


@pytest.mark.parametrize(("path", "minimum_lines"), [(LABELLED, 150), (HELDOUT, 120), (HELDOUT2, 120)])
def test_labelled_set_precision_and_recall(path: Path, minimum_lines: int) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= minimum_lines
    assert {row["list"] for row in rows} == {"eu-annex-i", "us-ccl", "wassenaar", "in-scomet", "no-list-ii"}
    right = predicted = expected = 0
    for row in rows:
        found = _flatten(extract_parameters(row["text"], decimal_comma_for(row["list"])))
        labels = list(row["parameters"])
        expected += len(labels)
        predicted += len(found)
        for parameter in found:
            match = next((label for label in labels if _same(label, parameter)), None)
            if match is not None:
                labels.remove(match)
                right += 1
    assert right / predicted >= 0.95
    assert right / expected >= 0.90


Thresholds = list[tuple[str, float | None, float | None, float | None, str]]


def _thresholds(text: str, decimal_comma: bool = False) -> Thresholds:
    return [(p.comparator.value, p.value, p.low, p.high, p.unit)
            for p in _flatten(extract_parameters(text, decimal_comma))]


@pytest.mark.parametrize(("text", "expected"), [
    ("having 5 degrees of 'freedom of movement' or more;", [(">=", 5.0, None, None, "")]),
    ("Shipments of 3 'effective grams' or less when contained in a sensing component",
     [("<=", 3.0, None, None, "g")]),
    ("QAM techniques above level 1,024;", [(">", 1024.0, None, None, "")]),
    ("Alloys with more than 25% nickel and 20% chromium by weight;",
     [(">", 25.0, None, None, "%"), (">", 20.0, None, None, "%")]),
    ("Blocks having a size of 120 mm x 120 mm x 50 mm or greater.",
     [(">=", 120.0, None, None, "mm"), (">=", 120.0, None, None, "mm"), (">=", 50.0, None, None, "mm")]),
    ("Polynitrocubanes with more than four nitro groups;", [(">", 4.0, None, None, "")]),
    ("A stress-rupture life of 10,000 hours or longer at 723 K (450°C);", [(">=", 10000.0, None, None, "h")]),
    ("Maintaining the position of the vehicle within 10 m of a predetermined point;",
     [("<=", 10.0, None, None, "m")]),
    ("A noise figure less than 0.015 dB at any frequency from 2 GHz up to and including 15 GHz;",
     [("<", 0.015, None, None, "dB"), ("range", None, 2.0, 15.0, "GHz")]),
    ('and with a "fractional bandwidth" ofgreater than 10%;', [(">", 10.0, None, None, "%")]),
    ("wavelengths less than 193 nm but equal to orgreater than 15 nm;",
     [("<", 193.0, None, None, "nm"), (">=", 15.0, None, None, "nm")]),
])
def test_idioms(text: str, expected: Thresholds) -> None:
    assert _thresholds(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("A static accuracy of less (better) than 0,7 mGal;", [("<", 0.7, None, None, "mGal")]),
    ("A corrosion rate of less than 1 mm/year in 3 % sodium chloride", [("<", 1.0, None, None, "mm / a")]),
    ("recording rates greater than 225000 frames per second;", [(">", 225000.0, None, None, "1 / s")]),
    ("a capacity of 1 cubic metre or greater.", [(">=", 1.0, None, None, "m ** 3")]),
    ("of 5 × 1013 n/cm2 or higher on silicon", [(">=", 5e13, None, None, "1 / cm ** 2")]),
])
def test_unit_spellings_in_lines(text: str, expected: Thresholds) -> None:
    assert _thresholds(text, decimal_comma=True) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("a condenser capacity of 10 kg of ice or greater in 24 hours (10 liters of water or greater in 24 hours);",
     [(">=", 10.0, None, None, "kg")]),
    ("system accuracy of 3.33% or less of the range (e.g., a 'CEP' of 10 km or less at a range of 300 km).",
     [("<=", 3.33, None, None, "%")]),
    ("For concentrated potassium amide solutions (1% or greater), an operating pressure of 1.5 to 60 MPa;",
     [(">=", 1.0, None, None, "%"), ("range", None, 1.5, 60.0, "MPa")]),
    ("isotopic abundance (i.e. more than 7.5%)", [(">", 7.5, None, None, "%")]),
    ("that can interconnect with more than one subsystem", []),
    ("containing less than or equal to thirty-five percent by weight", []),
    ("a signal greater than three times the standard deviation", []),
])
def test_asides_and_spelled_counts(text: str, expected: Thresholds) -> None:
    assert _thresholds(text) == expected


@pytest.mark.parametrize(("text", "characteristic", "value", "unit"), [
    ('"Unmanned aerial vehicles" ("UAVs") capable of a range of 300 km;', "range", 300.0, "km"),
    ("Complete unmanned aerial vehicle systems capable of a maximum 'range' of 300 km.", "maximum range",
     300.0, "km"),
    ("Sounding rockets, capable of a range of at least 300 km.", "range", 300.0, "km"),
    ("Unmanned aerial vehicles with a maximum range equal to or greater than 300 km;", "maximum range",
     300.0, "km"),
    ("Pumps capable of a flow rate of 5 m3/h;", "flow rate", 5.0, "m ** 3 / h"),
])
def test_capability_without_comparator_is_a_minimum(text: str, characteristic: str, value: float,
                                                     unit: str) -> None:
    (parameter,) = extract_parameters(text, decimal_comma=True)
    assert parameter.comparator == Comparator.GE
    assert (parameter.characteristic, parameter.value, parameter.unit) == (characteristic, value, unit)


@pytest.mark.parametrize("text", [
    "Equipment capable of operating at temperatures of 200 °C;",
    "Solid propellant rocket motors, usable in complete rocket systems or unmanned aerial vehicles, capable of "
    "a range of 300 km, other than those specified in 9A007;",
    "Hybrid rocket motors, capable of 300 km;",
])
def test_capability_past_a_preposition_in_an_end_use_or_without_a_name_is_no_threshold(text: str) -> None:
    assert extract_parameters(text, decimal_comma=True) == []


def test_capability_does_not_override_a_written_comparator() -> None:
    (parameter,) = extract_parameters("Cryogenic refrigeration units capable of temperatures of 153 K or less;",
                                      decimal_comma=True)
    assert (parameter.comparator, parameter.value) == (Comparator.LE, 153.0)


def test_better_is_higher_only_for_the_characteristics_of_the_data_table() -> None:
    purity = extract_parameters("having a purity (metal basis) better than 99,999 %;", decimal_comma=True)
    assert [(p.characteristic, p.comparator, p.value) for p in purity] == [("purity", Comparator.GT, 99.999)]
    impurity = extract_parameters("Nuclear grade graphite having a purity level better than 5 parts per million "
                                  "boron equivalent", decimal_comma=False)
    assert [(p.comparator, p.unit) for p in impurity] == [(Comparator.LT, "ppm")]
    accuracy = extract_parameters("Angular resolution better than 1,5 milliradians;", decimal_comma=True)
    assert [p.comparator for p in accuracy] == [Comparator.LT]
    hydrophone = extract_parameters("A 'hydrophone sensitivity' better than -180 dB at any depth", decimal_comma=True)
    assert [(p.comparator, p.value) for p in hydrophone] == [(Comparator.GT, -180.0)]
