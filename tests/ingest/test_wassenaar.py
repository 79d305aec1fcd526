"""The Wassenaar 2025 Corr. list parsed from the real PDF (parsed once per session)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from interregime.domain.codes import entry_code
from interregime.domain.corpus import EditionContent, Item, NoteKind, XRefKind
from interregime.domain.regimes import Regime
from interregime.ingest import wassenaar
from interregime.ingest.context import SourceContext, SourceError
from interregime.ingest.pdf_text import page_texts

EU_JSON = "eu_annex_i/eu_2021_821_annex_i_consolidated_20251115.json"

# Entries written by their number alone under a group heading (" 1. "Software" ..." after
# "2. D. SOFTWARE"), read off the PDF; the regex count of spaced codes cannot see them.
SHORT_FORM_ENTRIES = {"1.D.2", "1.D.3", "2.D.1", "4.A.1", "6.B.1", "6.B.3", "6.D.1", "6.D.2"}
ENTRIES_PER_CATEGORY = {
    "1": 28, "2": 16, "3": 21, "4": 10, "5": 10, "6": 30, "7": 20, "8": 8, "9": 30, "ML": 22,
}

ITEM_TEXTS = {
    "1.A.1.a": 'Seals, gaskets, sealants or fuel bladders, specially designed for "aircraft" or aerospace use, '
    "made from more than 50% by weight of any of the materials specified in 1.C.9.b. or 1.C.9.c.",
    "1.A.1.b": "Not used since 2015",
    "1.A.2.b.1.a": 'A "specific modulus" exceeding 10.15 x 106 m; and',
    "2.B.4": "Hot 'isostatic presses' having all of the following, and specially designed components and "
    "accessories therefor:",
    "2.B.4.b.1": "A maximum working pressure exceeding 207 MPa;",
    "2.B.5.a.2.a": "Incorporating high vacuum (equal to or less than 0.01 Pa) rotating seals; or",
    "2.B.5.b": "Ion implantation production equipment having beam currents of 5 mA or more;",
    "2.B.5.c.2": "A computer controlled rate monitor operating on the principle of photo-luminescence of the "
    "ionised atoms in the evaporant stream to control the deposition rate of a coating containing two or "
    "more elements;",
    "2.B.5.e": "Sputter deposition production equipment capable of current densities of 0.1 mA/mm2 or higher "
    "at a deposition rate of 15 µm/h or more;",
    "2.B.6.b.3.a": 'Containing a "laser";',
    "2.D.1.b": '"Software" specially designed or modified for the "use" of equipment specified in 2.A.1.c., '
    "2.B.1., or 2.B.3. to 2.B.9.",
    "4.A.1.a.2.c": "Single Event Upset 1 x 10-8 Error/bit/day.",
    "ML10.e.1": '"Aircraft" specified in ML10.a.; or',
}


@pytest.fixture(scope="session")
def wa_context(sources_dir: Path) -> SourceContext:
    return SourceContext(sources_dir)


@pytest.fixture(scope="session")
def wa(wa_context: SourceContext) -> EditionContent:
    [content] = wassenaar.crawl(wa_context)
    return content


@pytest.fixture(scope="session")
def raw_text(sources_dir: Path) -> str:
    return "\n".join(page_texts((sources_dir / wassenaar.PDF).read_bytes(), wassenaar.PDF)).replace("\r", "")


def _item(wa: EditionContent, code: str) -> Item:
    entry = wa.entry(entry_code(code))
    assert entry is not None, code
    item = entry.item(code)
    assert item is not None, code
    return item


def test_list_and_edition(wa: EditionContent) -> None:
    assert wa.control_list.id == "wassenaar"
    assert wa.control_list.regime is Regime.WA
    assert wa.edition.date.isoformat() == "2026-01-15"
    assert wa.edition.sha256 == wassenaar.SHA256
    assert wa.edition.source_url.startswith("https://www.wassenaar.org/")


def test_2b1_has_items_and_notes(wa: EditionContent) -> None:
    entry = wa.entry("2.B.1")
    assert entry is not None
    assert entry.eu_code == "2B001"
    assert entry.items[0].code == "2.B.1" and entry.items[0].depth == 0
    assert [item.code for item in entry.children("2.B.1")] == [f"2.B.1.{label}" for label in "abcdef"]
    deep = entry.item("2.B.1.b.2.a")
    assert deep is not None and deep.parent == "2.B.1.b.2" and deep.depth == 3
    labels = [note.label for note in entry.items[0].notes]
    assert labels[:2] == ["Note 1", "Note 2"]
    assert entry.items[0].notes[0].kind is NoteKind.DECONTROL
    assert "a. Crank shafts or cam shafts;" in entry.items[0].notes[1].text
    assert entry.item("2.B.1.b.4") is not None
    # "For the purposes of 2.B.1.b.4.a.: ..." is printed after 2.B.1.b.4.b but is about 2.B.1.b.4.a.
    technical = [note for note in entry.item("2.B.1.b.4.a").notes]  # type: ignore[union-attr]
    assert technical and technical[0].kind is NoteKind.TECHNICAL_NOTE
    assert technical[0].text.startswith("For the purposes of 2.B.1.b.4.a.")


def test_munitions_list(wa: EditionContent) -> None:
    ml10 = wa.entry("ML10")
    assert ml10 is not None and ml10.eu_code == "ML10" and ml10.category == "ML"
    assert ml10.item("ML10.e.1") is not None
    assert next(note.kind for note in ml10.items[0].notes) is NoteKind.NB
    assert [entry.code for entry in wa.entries if entry.category == "ML"] == [f"ML{n}" for n in range(1, 23)]


def test_ml10_closing_notes_are_on_ml10(wa: EditionContent) -> None:
    """Notes 1 and 2 are printed after ML10.j.3 but speak of ML10.a., ML10.d. and ML10.j."""
    ml10 = wa.entry("ML10")
    assert ml10 is not None
    on_entry = {note.label: note.text for note in ml10.items[0].notes}
    assert on_entry["Note 1"].startswith("For the purposes of ML10.a., ML10.d. and ML10.j.,")
    assert on_entry["Note 2"].startswith("For the purposes of ML10.a. and ML10.j.,")
    assert _item(wa, "ML10.j.3").notes == []
    # A note that names only its own item, or no item of the entry, stays where it is printed.
    assert [note.label for note in _item(wa, "ML10.a").notes] == ["Note 1", "Note 2"]
    assert [note.kind for note in _item(wa, "ML10.g").notes] == [NoteKind.DECONTROL, NoteKind.NB]


def test_covers_the_wassenaar_origin_entries_of_eu_annex_i(wa: EditionContent, sources_dir: Path) -> None:
    data = json.loads((sources_dir / EU_JSON).read_text(encoding="utf-8"))
    eu = {entry["entry_code"] for entry in data["entries"] if re.fullmatch(r"[1-9][A-E]0\d\d", entry["entry_code"])}
    ours = {entry.eu_code for entry in wa.entries}
    missing = sorted(eu - ours)
    assert len(eu) > 150
    assert len(eu & ours) / len(eu) >= 0.98, missing
    assert missing == []


def test_exact_item_texts(wa: EditionContent) -> None:
    for code, text in ITEM_TEXTS.items():
        assert _item(wa, code).text == text, code


def test_counts_per_category_match_an_independent_count(wa: EditionContent, raw_text: str) -> None:
    counts = Counter(entry.category for entry in wa.entries)
    assert dict(counts) == ENTRIES_PER_CATEGORY
    spaced = {f"{cat}.{grp}.{int(num)}" for cat, grp, num in
              re.findall(r"(?m)^\s*(\d)\. ([A-E])\. (\d{1,2})\.", raw_text)}
    independent = Counter(code[0] for code in spaced | SHORT_FORM_ENTRIES)
    independent["ML"] = len(set(re.findall(r"(?m)^\s*ML(\d{1,2})\. [A-Z\"']", raw_text)))
    assert dict(independent) == ENTRIES_PER_CATEGORY
    assert {entry.code for entry in wa.entries if entry.category != "ML"} == spaced | SHORT_FORM_ENTRIES
    assert wa.item_count > 2500 and wa.note_count > 600


def test_no_page_furniture_in_text(wa: EditionContent) -> None:
    texts = [item.text for entry in wa.entries for item in entry.items]
    texts += [note.text for entry in wa.entries for item in entry.items for note in item.notes]
    texts += [definition.text for definition in wa.definitions]
    for text in texts:
        assert "WA-LIST" not in text and "15-01-2026" not in text, text[:80]
        assert "DUAL-USE LIST - CATEGORY" not in text and "\ufffe" not in text, text[:80]
        assert "Russian Federation and Ukraine view" not in text, text[:80]
    assert all(item.text for entry in wa.entries for item in entry.items)


# Headings as the PDF prints them on a line of their own: groups ("4. B. TEST, INSPECTION AND
# PRODUCTION EQUIPMENT - None", "5. C. Part 1. MATERIALS - None") and titles in capitals only
# ("OPTICAL SENSORS"), which a wrapped line of text ("(MSPS);", "IEEE-754.") is not.
_GROUP_LINE = re.compile(r"^(?P<title>\d\. [A-E]\.(?: Part \d\.)? [A-Z][A-Z ,&\"-]+?)(?: - None)?$")
_PLACEHOLDER = re.compile(r"^(?P<title>[A-Z][A-Z ,&\"-]+) - (?:None|Not used since \d{4})$")


def _printed_titles(raw_text: str) -> tuple[set[str], set[str]]:
    lines = {line.strip().replace("\ufffe", "-") for line in raw_text.split("\n")}
    groups = {match["title"] for line in lines if (match := _GROUP_LINE.match(line))}
    titles = {
        line
        for line in lines
        if sum(char.isupper() for char in line) > 3
        and not re.search(r"[a-z0-9]", line)
        and not re.search(r"^\(|[;.]$", line)
    }
    return groups, titles


def test_no_headings_in_item_or_note_text(wa: EditionContent, raw_text: str) -> None:
    groups, titles = _printed_titles(raw_text)
    assert len(groups) >= 50 and {"OPTICAL SENSORS", "MAGNETIC AND ELECTRIC FIELD SENSORS"} <= titles
    headings = [re.compile(rf"(?<![\w\"']){re.escape(title)}(?![\w\"'])") for title in groups | titles]
    leaks = []
    for entry in wa.entries:
        for item in entry.items:
            # A placeholder entry is its own title: "6. B. 5. LASERS - None" has the text "LASERS - None".
            own = _PLACEHOLDER.match(item.text)
            text = "" if own and any(pattern.fullmatch(own["title"]) for pattern in headings) else item.text
            for code, found in [(item.code, text)] + [(f"{item.code} {note.label}", note.text) for note in item.notes]:
                leaks += [(code, pattern.pattern) for pattern in headings if pattern.search(found)]
                leaks += [(code, "- None") for _ in re.finditer(r"- None\b", found)]
    assert leaks == []
    assert _item(wa, "6.B.1").text == "ACOUSTICS - None"
    assert _item(wa, "6.D.3.b").text == "OPTICAL SENSORS - None"
    assert _item(wa, "4.A.5").text.endswith('delivery of "intrusion software".')
    assert _item(wa, "9.B.10").text.endswith("specified in 9.A.12.")


def test_technical_note_with_its_own_title_is_a_document(wa: EditionContent) -> None:
    app = [document for document in wa.documents if document.kind == "technical note"]
    assert [document.title for document in app] == ["Category 4 TECHNICAL NOTE ON 'ADJUSTED PEAK PERFORMANCE' ('APP')"]
    assert app[0].text.startswith("'APP' is an adjusted peak rate") and "Note 7 A 'vector processor'" in app[0].text
    assert "TECHNICAL NOTE ON" not in app[0].text
    assert [note.label for note in _item(wa, "4.E.1").notes] == ["Note 1"]
    assert [note.label for note in _item(wa, "4.E.1.c").notes] == ["Note 2"]


def test_numbers_hyphenated_at_a_line_end_are_joined(wa: EditionContent) -> None:
    texts = [item.text for entry in wa.entries for item in entry.items]
    texts += [note.text for entry in wa.entries for item in entry.items for note in item.notes]
    texts += [definition.text for definition in wa.definitions]
    gaps = [match.group() for text in texts for match in re.finditer(r"\S*\d-\s\d\S*", text)]
    assert gaps == []
    assert "(CAS 103850-22-2); also known as" in _item(wa, "ML8.f.15.a").text
    assert any("(N-methyl-2-pyrrolidinone) (CAS 872-50-4);" in text for text in texts)
    # A suspended hyphen printed within a line keeps its space: "standard- and post-cure processes".
    assert any("standard- and post-cure" in text for text in texts)


def test_defined_terms_resolve_to_definitions(wa: EditionContent) -> None:
    terms = {definition.term.split(" (")[0] for definition in wa.definitions}
    assert len(wa.definitions) > 130
    laser = next(definition for definition in wa.definitions if definition.term == "Laser")
    assert "Cat" in laser.scope and laser.text
    assert "laser" in [term.lower() for term in _item(wa, "2.B.6.b.3.a").defined_terms]
    assert set(_item(wa, "2.B.6.b.3.a").defined_terms) <= terms
    used = [term for entry in wa.entries for item in entry.items for term in item.defined_terms]
    assert sum(term in terms for term in used) / len(used) > 0.9
    technology = next(definition for definition in wa.definitions if definition.term == "Technology")
    assert technology.scope.startswith("GTN")


def test_cross_references(wa: EditionContent) -> None:
    refs = {(ref.from_code, ref.to_code, ref.kind) for ref in wa.cross_references}
    assert ("2.B.4.b.3", "1.B.3", XRefKind.SEE_ALSO) in refs
    assert ("ML10", "ML11", XRefKind.SEE_ALSO) in refs
    assert ("1.A.2.a.1", "1.C.10.c", XRefKind.REFERENCE) in refs
    assert all(entry_code(ref.from_code) != entry_code(ref.to_code) for ref in wa.cross_references)


def test_sensitive_lists_flag_entries(wa: EditionContent) -> None:
    assert "sensitive:2.B.1.b" in wa.entry("2.B.1").flags  # type: ignore[union-attr]
    assert "sensitive" in wa.entry("1.E.1").flags  # type: ignore[union-attr]
    assert "very sensitive:6.A.1.a.1.b.1" in wa.entry("6.A.1").flags  # type: ignore[union-attr]
    assert sum(bool(entry.flags) for entry in wa.entries) > 30


def test_documents(wa: EditionContent) -> None:
    titles = {document.title for document in wa.documents}
    assert {"GENERAL TECHNOLOGY NOTE", "GENERAL SOFTWARE NOTE"} <= titles
    kinds = {document.kind for document in wa.documents}
    assert {"acronyms", "statements of understanding", "general note"} <= kinds
    acronyms = next(document for document in wa.documents if document.kind == "acronyms")
    assert "ECAD Electronic Computer-Aided Design" in acronyms.text


def test_few_unplaced_lines(wa: EditionContent, wa_context: SourceContext) -> None:
    assert len(wa_context.warnings) < 10
    assert all(warning.place.startswith("page ") for warning in wa_context.warnings)


def _context_with(tmp_path: Path, data: bytes) -> SourceContext:
    target = tmp_path / wassenaar.PDF
    target.parent.mkdir(parents=True)
    target.write_bytes(data)
    return SourceContext(tmp_path, verify_hashes=False)


def _one_line(error: SourceError) -> str:
    message = str(error)
    assert "\n" not in message and message.startswith(wassenaar.PDF)
    return message


def test_wrong_hash(tmp_path: Path) -> None:
    target = tmp_path / wassenaar.PDF
    target.parent.mkdir(parents=True)
    target.write_bytes(b"%PDF-1.4 something else")
    with pytest.raises(SourceError) as caught:
        wassenaar.crawl(SourceContext(tmp_path))
    assert "does not match the pinned" in _one_line(caught.value)


def test_truncated_pdf(tmp_path: Path, sources_dir: Path) -> None:
    data = (sources_dir / wassenaar.PDF).read_bytes()
    with pytest.raises(SourceError) as caught:
        wassenaar.crawl(_context_with(tmp_path, data[: len(data) // 2]))
    assert "truncated or damaged" in _one_line(caught.value)


def test_not_a_pdf(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        wassenaar.crawl(_context_with(tmp_path, b"<html>not a pdf</html>"))
    assert "not a PDF" in _one_line(caught.value)
