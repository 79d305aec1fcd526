"""Scope of a software/technology entry that names its goods by the list's own numbers."""

from __future__ import annotations

from interregime.analytics.concordance.knowhow import knowhow_groups, scope, scope_of
from interregime.domain.corpus import Entry, Item
from interregime.domain.regimes import Regime


def _entry(code: str, text: str) -> Entry:
    return Entry(code, text, code[0], None, "", [Item(code, text, None, 0)])


ENTRIES = [
    _entry("5A101", "Complete rocket systems"),
    _entry("5A102", "Complete subsystems usable in the systems of 5A101"),
    _entry("5A201", "Wind tunnels"),
    _entry("5A301", "Technology related to the development, production, testing and use of items in 5A1 and 5A2."),
    _entry("5A302", "Software for the development of items in 5A1."),
    _entry("3D001", "Reaction vessels"),
    _entry("3D002", "Storage tanks"),
    _entry("3D003", "Heat exchangers"),
    _entry("3D015", "Technology and software for the development of items in 3D001 to 3D002."),
]


def test_knowhow_groups_from_the_first_words() -> None:
    assert [knowhow_groups(e) for e in ENTRIES if knowhow_groups(e)] == ["E", "D", "DE"]
    assert knowhow_groups(_entry("5A201", "Wind tunnels for software-defined testing of technology")) == ""


def test_scope_by_prefix_and_by_range_leaves_out_other_knowhow() -> None:
    by_code = {e.code: e for e in ENTRIES}
    assert [e.code for e in scope(by_code["5A301"], ENTRIES)] == ["5A101", "5A102", "5A201"]
    assert [e.code for e in scope(by_code["3D015"], ENTRIES)] == ["3D001", "3D002"]


def test_scope_regime_and_most_frequent_category() -> None:
    placed = {"5A101": (Regime.MTCR, ""), "5A102": (Regime.MTCR, "9A106"), "5A201": (Regime.MTCR, "9B107"),
              "3D001": (Regime.AG, "2B350"), "3D002": (None, "")}
    found = scope_of(ENTRIES[3], ENTRIES, placed)
    assert found is not None and (found.regime, found.categories) == (Regime.MTCR, frozenset({"9"}))
    chemical = scope_of(ENTRIES[-1], ENTRIES, placed)
    assert chemical is not None and (chemical.regime, chemical.categories) == (Regime.AG, frozenset({"2"}))
    assert scope_of(ENTRIES[-1], ENTRIES, {}) is None
