"""Rule parser, units in rules, named 3A090 rules and rules from extracted parameters."""

from __future__ import annotations

import polars as pl
import pytest

from interregime.analytics.impact.errors import ImpactError
from interregime.analytics.impact.rule_library import Combine, named_rules, resolve_rule, rule_from_parameters
from interregime.analytics.impact.rules import captured_expr, evaluate_row, parse_rule, render
from interregime.domain.parameters import Comparator, Parameter

ITEMS = pl.DataFrame({
    "tpp": [5000.0, 2000.0, 2000.0, None, 100.0],
    "density": [1.0, 6.0, 1.0, 9.0, None],
})


def captured(text: str, frame: pl.DataFrame = ITEMS) -> list[bool]:
    return frame.select(captured_expr(parse_rule(text)))["captured"].to_list()


def test_precedence_and_parentheses() -> None:
    assert captured("tpp >= 4800 or tpp >= 1600 and density >= 5.92") == [True, True, False, False, False]
    assert captured("(tpp >= 4800 or tpp >= 1600) and density >= 5.92") == [False, True, False, False, False]
    assert captured("not tpp >= 4800") == [False, True, True, False, True]


def test_chained_comparison_and_reversed_operands() -> None:
    assert captured("1600 <= tpp < 4800") == [False, True, True, False, False]
    assert captured("4800 <= tpp") == [True, False, False, False, False]


def test_missing_values_follow_three_valued_logic() -> None:
    assert captured("tpp >= 4800 or density >= 5.92") == [True, True, False, True, False]
    assert captured("not density < 5") == [False, True, False, True, False]


def test_units_in_rules_are_converted() -> None:
    volumes = pl.DataFrame({"build_volume": [0.2, 0.05, 0.0999]})
    assert captured("build_volume >= 0.1 m^3", volumes) == [True, False, False]
    assert captured("build_volume >= 100 L", volumes) == [True, False, False]
    assert captured("build_volume >= 50000000 mm**3", volumes) == [True, True, True]


def test_python_evaluation_matches_polars() -> None:
    rule = parse_rule("tpp >= 4800 or (tpp >= 1600 and not density < 5.92)")
    python = [evaluate_row(rule.node, row) is True for row in ITEMS.to_dicts()]
    assert python == captured(rule.text)


@pytest.mark.parametrize(("text", "message"), [
    ("tpp >= 4800 and", "position 16: unexpected end of rule"),
    ("tpp >= 3 kg", "position 8: unit 'kg' is impossible for 'tpp'"),
    ("warp > 3", "position 1: unknown characteristic 'warp'"),
    ("(tpp > 3", r"position 9: missing '\)'"),
    ("tpp 3", "position 5: expected a comparator after 'tpp'"),
    ("tpp > 3 $", "position 9: unexpected '\\$'"),
    ("3 > 4", "position 3: a comparison needs one characteristic and one number"),
    ("", "empty rule"),
    ("tpp >= 3 parsecs_per_fortnight", "cannot read unit"),
])
def test_parse_errors_name_the_position(text: str, message: str) -> None:
    with pytest.raises(ImpactError, match=message):
        parse_rule(text)


def test_3a090_rule_file() -> None:
    rules = named_rules()
    assert {"3a090.a", "3a090.b", "3a090"} <= set(rules)
    a, b = rules["3a090.a"].rule, rules["3a090.b"].rule
    frame = pl.DataFrame({"tpp": [4800.0, 1600.0, 2400.0, 1600.0, 2000.0, 1599.0],
                          "density": [0.1, 5.92, 1.6, 3.2, 2.0, 10.0]})
    assert frame.select(captured_expr(a))["captured"].to_list() == [True, True, False, False, False, False]
    assert frame.select(captured_expr(b))["captured"].to_list() == [False, False, True, True, False, False]
    assert "4800 or more" in rules["3a090.a"].text
    assert resolve_rule("3A090.A").text == a.text


def test_rule_from_parameters() -> None:
    parameters = [
        Parameter("total processing performance", Comparator.GE, 4800.0),
        Parameter("build volume", Comparator.RANGE, None, low=100, high=200, unit="L"),
        Parameter("laser wavelength", Comparator.LT, 400.0, unit="nm"),
    ]
    mapping = {"total processing performance": "tpp", "build volume": "build_volume"}
    built = rule_from_parameters(parameters, mapping, Combine.ANY)
    assert built.unmapped == ("laser wavelength",)
    frame = pl.DataFrame({"tpp": [5000.0, 10.0, 10.0], "build_volume": [0.0, 0.15, 0.25]})
    assert frame.select(captured_expr(built.rule))["captured"].to_list() == [True, True, False]
    assert frame.select(captured_expr(parse_rule(render(built.rule.node))))["captured"].to_list() == [True, True, False]
    both = rule_from_parameters(parameters, mapping, Combine.ALL)
    assert frame.select(captured_expr(both.rule))["captured"].to_list() == [False, False, False]
    with pytest.raises(ImpactError, match="no parameter maps"):
        rule_from_parameters(parameters[2:], mapping)
