"""Rule parser, units in rules, named 3A090 rules and rules from extracted parameters."""

from __future__ import annotations

import polars as pl
import pytest

from interregime.analytics.impact.errors import ImpactError
from interregime.analytics.impact.rule_library import (
    Combine,
    named_rules,
    resolve_rule,
    rule_from_item,
    rule_from_parameters,
)
from interregime.analytics.impact.rules import captured_expr, evaluate_row, parse_rule, render
from interregime.domain.corpus import Entry, Item, Note, NoteKind
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


MAP = {"total processing performance": "tpp", "performance density": "density", "die area": "die_area"}


def _entry(*items: tuple[str, str, str | None]) -> Entry:
    return Entry("9Z999", "Test entry", "9", None,
                 items=[Item(code, text, parent, depth=code.count(".")) for code, text, parent in items])


def test_rule_from_item_tree_ands_own_thresholds_with_children() -> None:
    entry = _entry(
        ("9Z999", "Chips as follows:", None),
        ("9Z999.a", "Chips having a 'total processing performance' of 100 or more and any of the following:",
         "9Z999"),
        ("9Z999.a.1", "A 'performance density' of 2 or more; or", "9Z999.a"),
        ("9Z999.a.2", "Having all of the following:", "9Z999.a"),
        ("9Z999.a.2.a", "A 'total processing performance' of 1000 or more; and", "9Z999.a.2"),
        ("9Z999.a.2.b", "A 'die area' of less than 500 mm2.", "9Z999.a.2"),
        ("9Z999.b", "Chips having a 'total processing performance' of 5000 or more.", "9Z999"),
    )
    entry.items[2].notes.append(Note(NoteKind.DECONTROL, "9Z999.a.1 does not control toys.", "Note 1"))
    built = rule_from_item(entry, "9Z999", MAP)
    assert built.rule.text == ("(tpp >= 100 and (density >= 2 or (tpp >= 1000 and die_area < 500))) "
                               "or tpp >= 5000")
    assert built.unmapped == () and built.undetermined == ()
    assert built.not_modelled == ("9Z999.a.1: decontrol note 'Note 1'",)
    assert render(parse_rule(built.rule.text).node) == built.rule.text
    sub = rule_from_item(entry, "9Z999.a.2", MAP)
    assert sub.rule.text == "tpp >= 100 and tpp >= 1000 and die_area < 500"


def test_rule_from_item_reports_unmapped_characteristics() -> None:
    entry = _entry(
        ("9Z999", "Chips as follows:", None),
        ("9Z999.a", "Chips having a 'total processing performance' of 4800 or more;", "9Z999"),
        ("9Z999.b", "Chips having all of the following:", "9Z999"),
        ("9Z999.b.1", "A 'performance density' of 2 or more; and", "9Z999.b"),
        ("9Z999.b.2", "A 'laser wavelength' of less than 400 nm.", "9Z999.b"),
        ("9Z999.c", "Memory having a 'memory bandwidth density' greater than 2 GB/s/mm2.", "9Z999"),
        ("9Z999.d", "Specially designed software.", "9Z999"),
    )
    built = rule_from_item(entry, "9Z999", MAP)
    assert built.rule.text == "tpp >= 4800"
    assert "9Z999.b.2: laser wavelength" in built.unmapped
    assert "9Z999.c: memory bandwidth density" in built.unmapped
    assert "9Z999.d: no measurable threshold" in built.unmapped
    assert built.undetermined == ("9Z999.b", "9Z999.c", "9Z999.d")
    with pytest.raises(ImpactError, match=r"undetermined.*laser wavelength"):
        rule_from_item(entry, "9Z999.b", MAP)
    with pytest.raises(ImpactError, match="has no item"):
        rule_from_item(entry, "9Z999.z", MAP)
