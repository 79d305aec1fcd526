"""Edition diffs on small hand-made editions: each kind of change at each level, exactly."""

from __future__ import annotations

import datetime as dt

import pytest

from interregime.analytics.diff import ChangeKind, ChangeLevel, diff_editions
from interregime.analytics.diff.words import render_html, render_text, same_text, word_diff
from interregime.domain.corpus import ControlList, Edition, EditionContent, Entry, Item, ListKind, Note, NoteKind
from interregime.domain.parameters import Comparator, Parameter

LIST = ControlList("test-list", "Test list", ListKind.NATIONAL, "Test authority")

COMPOSITES = "Composite structures in the form of tubes having both of the following characteristics:"
DIAMETER_OLD = "An inside diameter of between 75 mm and 400 mm; and"
DIAMETER_NEW = "An inside diameter of between 75 mm and 650 mm;"
FIBRES = 'Made with any of the "fibrous or filamentary materials" specified in 1C010.a or b.'
THICKNESS = "A thickness of 12 mm or less; and"
VACUUM = "Vacuum pumps having an input throat size equal to or greater than 38 cm and a pumping speed of 15 m3/s"
FURNACES = "Vacuum or controlled environment induction furnaces capable of operation above 1 123 K"


def item(code: str, text: str, notes: list[Note] | None = None) -> Item:
    parent = code.rsplit(".", 1)[0] if "." in code else None
    return Item(code, text, parent, code.count("."), notes=notes or [])


def entry(code: str, *items: Item) -> Entry:
    return Entry(code, items[0].text, code[0], None, items=list(items))


def edition(date: str, *entries: Entry) -> EditionContent:
    day = dt.date.fromisoformat(date)
    return EditionContent(LIST, Edition(LIST.id, day, f"Test {date}", "test.json", "0" * 64), list(entries))


def old_edition() -> EditionContent:
    return edition(
        "2021-01-01",
        entry("1A202", item("1A202", COMPOSITES), item("1A202.a", DIAMETER_OLD), item("1A202.b", FIBRES)),
        entry("2B231", item("2B231", VACUUM, [Note(NoteKind.TECHNICAL_NOTE,
                                                   "The pumping speed is measured with nitrogen.")])),
        entry("2B226", item("2B226", FURNACES), item("2B226.a", "Not used;")),
        entry("9A999", item("9A999", "An entry about rockets that the new edition drops entirely for good")),
    )


def new_edition() -> EditionContent:
    return edition(
        "2025-01-01",
        entry("1A202", item("1A202", COMPOSITES), item("1A202.a", DIAMETER_NEW), item("1A202.b", THICKNESS),
              item("1A202.c", FIBRES)),
        entry("2B232", item("2B232", VACUUM, [Note(NoteKind.TECHNICAL_NOTE,
                                                   "The pumping speed is measured with nitrogen gas or air.")])),
        entry("2B226", item("2B226", FURNACES.replace("1 123", "1123")), item("2B226.b", "Not used;")),
        entry("3A504", item("3A504", "Cryogenic wafer probers for quantum computing research and development")),
    )


def kinds(changes: list) -> set[tuple[str, str, str, str]]:  # type: ignore[type-arg]
    return {(c.kind.value, c.level.value, c.old_code, c.new_code) for c in changes}


def test_every_kind_of_change_is_found_exactly() -> None:
    result = diff_editions(old_edition(), new_edition())
    assert kinds(result.changes) == {
        ("changed", "item", "1A202.a", "1A202.a"),
        ("added", "item", "", "1A202.b"),
        ("renumbered", "item", "1A202.b", "1A202.c"),
        ("renumbered", "entry", "2B231", "2B232"),
        ("changed", "note", "2B231", "2B232"),
        ("renumbered", "item", "2B226.a", "2B226.b"),
        ("removed", "entry", "9A999", ""),
        ("added", "entry", "", "3A504"),
    }
    assert result.editorial_only == 1  # "1 123 K" → "1123 K"
    assert result.counts() == {"added/entry": 1, "added/item": 1, "changed/item": 1, "changed/note": 1,
                               "removed/entry": 1, "renumbered/entry": 1, "renumbered/item": 2}


def test_a_changed_threshold_is_stated_plainly_with_a_word_diff() -> None:
    [change] = [c for c in diff_editions(old_edition(), new_edition()).changes if c.old_code == "1A202.a"]
    assert change.parameter_changes == ("1A202.a inside diameter threshold 75–400 mm → 75–650 mm",)
    assert change.word_diff == "An inside diameter of between 75 mm and [-400-] {+650+} mm;[-and-]"
    assert 0.8 < change.similarity < 1.0


def test_renumbered_item_keeps_its_text_and_similarity_one() -> None:
    renumbered = diff_editions(old_edition(), new_edition()).of_kind(ChangeKind.RENUMBERED)
    [change] = [c for c in renumbered if c.old_code == "1A202.b"]
    assert change.level is ChangeLevel.ITEM and change.old_text == change.new_text == FIBRES
    assert change.similarity == 1.0 and change.word_diff == ""


def test_notes_moving_between_items_of_an_entry_are_not_changes() -> None:
    note = Note(NoteKind.NOTE, "2B226.a does not control furnaces for dental use.")
    old = edition("2021-01-01", entry("2B226", item("2B226", FURNACES, [note]), item("2B226.a", "Not used;")))
    new = edition("2025-01-01", entry("2B226", item("2B226", FURNACES), item("2B226.a", "Not used;", [note])))
    assert diff_editions(old, new).changes == []
    dropped = edition("2025-01-01", entry("2B226", item("2B226", FURNACES), item("2B226.a", "Not used;")))
    assert kinds(diff_editions(old, dropped).changes) == {("removed", "note", "2B226", "")}


def test_notes_one_edition_splits_and_the_other_merges_are_not_changes() -> None:
    first = "1. Heating elements are measured at room temperature in vacuum."
    second = "2. Crucibles are measured empty and at their highest rated temperature."
    old = edition("2021-01-01", entry("2B226", item("2B226", FURNACES, [Note(NoteKind.NOTE, first),
                                                                       Note(NoteKind.NOTE, second)])))
    merged = edition("2025-01-01", entry("2B226", item("2B226", FURNACES, [Note(NoteKind.NOTE, f"{first} {second}")])))
    assert diff_editions(old, merged).changes == []
    grown = edition("2025-01-01", entry("2B226", item("2B226", FURNACES, [Note(NoteKind.NOTE, f"{first} or air")])))
    assert kinds(diff_editions(old, grown).changes) == {("changed", "note", "2B226", "2B226"),
                                                        ("removed", "note", "2B226", "")}


def test_short_texts_move_only_under_paired_parents() -> None:
    heater = "Heating elements specially designed for the furnaces specified in 2B226.a"
    coils = "Induction coils specially designed for vacuum furnaces of any kind and power"
    old = edition("2021-01-01", entry("2B226", item("2B226", FURNACES), item("2B226.a", heater),
                                      item("2B226.a.1", "Not used;")))
    new = edition("2025-01-01", entry("2B226", item("2B226", FURNACES), item("2B226.a", heater),
                                      item("2B226.b", coils), item("2B226.b.1", "Not used;")))
    assert kinds(diff_editions(old, new).changes) == {
        ("removed", "item", "2B226.a.1", ""), ("added", "item", "", "2B226.b"), ("added", "item", "", "2B226.b.1"),
    }


def test_a_custom_extractor_is_used_for_parameters() -> None:
    def fake(text: str) -> list[Parameter]:
        value = 400.0 if "400" in text else 650.0
        return [Parameter("diameter", Comparator.LE, value, unit="mm", si_value=value / 1000, si_unit="m")]

    result = diff_editions(old_edition(), new_edition(), extractor=fake)
    [change] = [c for c in result.changes if c.old_code == "1A202.a"]
    assert change.parameter_changes == ("1A202.a diameter threshold ≤ 400 mm → ≤ 650 mm",)


def test_lists_numbered_differently_cannot_be_diffed() -> None:
    other = edition("2025-01-01", entry("ML1", item("ML1", "Smooth-bore weapons with a calibre of less than 20 mm")))
    with pytest.raises(ValueError, match="share only 0% of their entry codes"):
        diff_editions(old_edition(), other)


def test_word_diff_renders_as_text_and_escaped_html() -> None:
    segments = word_diff("used on board satellites;", 'used on board "spacecraft" & <probes>;')
    assert render_text(segments) == 'used on board [-satellites-]{+"spacecraft" & <probes>+};'
    assert render_html(segments) == ("used on board <del>satellites</del>"
                                     "<ins>&quot;spacecraft&quot; &amp; &lt;probes&gt;</ins>;")


@pytest.mark.parametrize(("old", "new", "same"), [
    ("24 245 kW or more", "24245 kW or more", True),
    ("specified inItem 4A022a;", "specified in Item 4A022a.", True),
    ("‘EUV’ lithography", "'EUV' lithography", True),
    ("3 x 109 neutrons/s", "3 × 109 neutrons/s", True),
    ("exceeding 400 nm; and", "exceeding 400 nm; or", False),
    ("exceeding 400 nm", "exceeding 500 nm", False),
])
def test_editorial_differences_are_not_changes(old: str, new: str, same: bool) -> None:
    assert same_text(old, new) is same
