from __future__ import annotations

import pytest

from interregime.domain.corpus import NoteKind, XRefKind
from interregime.ingest.control_text import (
    WASSENAAR_CODE,
    TermIndex,
    code_mentions,
    is_decontrol,
    parse_note,
    quoted_terms,
    sentence_around,
    term_as_used,
)


def test_quoted_terms_straight_and_curly_once_each() -> None:
    text = 'For “digital computers” and "software", "Software" or "digital computers"; not \'local terms\'.'
    assert quoted_terms(text) == ["digital computers", "software"]


def test_quoted_terms_ignore_quotes_without_letters() -> None:
    assert quoted_terms('a diameter of 3" and "5"') == []


@pytest.mark.parametrize(
    ("text", "kind", "label", "body"),
    [
        ("Note: 2B001.c. does not control lathes.", NoteKind.DECONTROL, "Note", "2B001.c. does not control lathes."),
        ("Note 2: The status is set by 3A001.", NoteKind.NOTE, "Note 2", "The status is set by 3A001."),
        ("Notes: 1. Not used.", NoteKind.NOTE, "Notes", "1. Not used."),
        ("Technical Notes: 1. For 2B, x.", NoteKind.TECHNICAL_NOTE, "Technical Notes", "1. For 2B, x."),
        ("Technical Note 2: 'Run-out' is...", NoteKind.TECHNICAL_NOTE, "Technical Note 2", "'Run-out' is..."),
        ("Technical Note For 1C001, x.", NoteKind.TECHNICAL_NOTE, "Technical Note", "For 1C001, x."),
        ("Technical Note:", NoteKind.TECHNICAL_NOTE, "Technical Note", ""),
        ("N.B. SEE ALSO 2B201.", NoteKind.NB, "N.B.", "SEE ALSO 2B201."),
        ("N.B.2. For receivers, see 5A001.b.5.", NoteKind.NB, "N.B.2", "For receivers, see 5A001.b.5."),
        ("N.B.1 For engines, see 9E003.h.", NoteKind.NB, "N.B.1", "For engines, see 9E003.h."),
        ("Note 9E003 includes turbines.", NoteKind.NOTE, "Note", "9E003 includes turbines."),
    ],
)
def test_parse_note(text: str, kind: NoteKind, label: str, body: str) -> None:
    note = parse_note(text)
    assert note is not None
    assert (note.kind, note.label, note.text) == (kind, label, body)


@pytest.mark.parametrize("text", ["Not used;", "Notebook computers;", "Nothing", "A note on gears"])
def test_parse_note_rejects_item_text(text: str) -> None:
    assert parse_note(text) is None


def test_decontrol_phrases() -> None:
    assert is_decontrol("5A002 does not apply to smart cards")
    assert is_decontrol("items which are not controlled by 3A001")
    assert not is_decontrol("The control status of components is determined by 3A001.")


def _mentions(text: str) -> list[tuple[str, XRefKind]]:
    return [(mention.code, mention.kind) for mention in code_mentions(text)]


def test_see_also_governs_the_whole_list() -> None:
    assert _mentions("SEE ALSO 1A202, 9A010 and 9A110.") == [
        ("1A202", XRefKind.SEE_ALSO), ("9A010", XRefKind.SEE_ALSO), ("9A110", XRefKind.SEE_ALSO),
    ]
    assert _mentions("SEE ALSO MILITARY GOODS CONTROLS AND 1C450.") == [("1C450", XRefKind.SEE_ALSO)]


def test_see_then_plain_reference() -> None:
    text = "2B001 does not control gear machines. For such machines see 2B003."
    assert _mentions(text) == [("2B001", XRefKind.REFERENCE), ("2B003", XRefKind.SEE_ALSO)]


def test_other_than_and_not_specified_in() -> None:
    assert _mentions("Equipment, other than those specified in 2B004, 2B005.a., 2B104 or 2B105, as follows:") == [
        ("2B004", XRefKind.OTHER_THAN), ("2B005.a", XRefKind.OTHER_THAN),
        ("2B104", XRefKind.OTHER_THAN), ("2B105", XRefKind.OTHER_THAN),
    ]
    assert _mentions("Not specified in 1C010.c.1.a. and having a modulus; see 1C210.") == [
        ("1C010.c.1.a", XRefKind.OTHER_THAN), ("1C210", XRefKind.SEE_ALSO),
    ]


def test_a_list_ends_at_the_first_word_that_is_not_a_link() -> None:
    text = "other than those specified in 3A001, designed for equipment specified in 3A002."
    assert _mentions(text) == [("3A001", XRefKind.OTHER_THAN), ("3A002", XRefKind.REFERENCE)]


def test_codes_in_other_patterns_and_glued_text() -> None:
    assert _mentions("see 9E003i. and x12B001") == [("9E003", XRefKind.SEE_ALSO)]
    found = [(m.code, m.kind) for m in code_mentions("SEE ALSO 2.B.201. and 2.B.1.b.2", WASSENAAR_CODE)]
    assert found == [("2.B.201", XRefKind.SEE_ALSO), ("2.B.1.b.2", XRefKind.SEE_ALSO)]


def test_sentence_around_a_mention() -> None:
    text = "2B001 does not control gear machines. For such machines see 2B003. Other text."
    mention = code_mentions(text)[1]
    assert sentence_around(text, mention.start, mention.end) == "For such machines see 2B003."


def test_term_as_used() -> None:
    assert term_as_used("Numerical control") == "numerical control"
    assert term_as_used("APP") == "APP"
    assert term_as_used("Adjusted Peak Performance") == "Adjusted Peak Performance"
    assert term_as_used("Allocated by the ITU") == "Allocated by the ITU"
    assert term_as_used("Bias (gyro)") == "bias (gyro)"


def test_term_index_resolves_case_plural_and_qualified_terms() -> None:
    index = TermIndex(["digital computer", "missiles", "bias (gyro)", "bias (accelerometer)", "laser"])
    assert index.resolve("Digital computers") == "digital computer"
    assert index.resolve("missile") == "missiles"
    assert index.resolve("Bias") == "bias"
    assert index.resolve("lasers") == "laser"
    assert index.resolve("camera") is None
    assert TermIndex(["real-time processing"]).resolve("real time processing") == "real-time processing"
    assert index.canonical(["lasers", "Laser", "camera"]) == ["laser", "camera"]


def test_notes_naming_an_ancestor_move_to_it() -> None:
    from interregime.domain.corpus import Entry, Item, Note, NoteKind
    from interregime.ingest.control_text import reattach_notes

    decontrol = Note(NoteKind.DECONTROL, "2.B.1.a. does not apply to turning machines for contact lenses.", "Note 1")
    own = Note(NoteKind.NOTE, "A travel length is measured along the axis.", "Note")
    other = Note(NoteKind.NOTE, "2.B.3. controls gear machines.", "N.B.")
    entry = Entry("2.B.1", "Machine tools", "2", None, items=[
        Item("2.B.1", "Machine tools"),
        Item("2.B.1.a", "Turning machines", "2.B.1", 1),
        Item("2.B.1.a.2", "Repeatability 1.1 µm", "2.B.1.a", 2, notes=[decontrol, own, other]),
    ])
    assert reattach_notes(entry) == 1
    assert entry.items[1].notes == [decontrol]
    assert entry.items[2].notes == [own, other]
