"""Norway List II (dual-use, 2022) parsed from its PDF, checked against independent renderings."""

from __future__ import annotations

import collections
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from interregime.domain.corpus import EditionContent, ListKind, NoteKind, XRefKind
from interregime.domain.regimes import Regime
from interregime.ingest import no_list_ii
from interregime.ingest.context import SourceContext, SourceError

FOLDER = "norway_list"
TXT = f"{FOLDER}/norway_list2_dualuse_appendix2.txt"
FIXTURE = f"{FOLDER}/safetec_regulations_fixture.json"


@pytest.fixture(scope="session")
def parsed(sources_dir: Path) -> tuple[EditionContent, SourceContext]:
    context = SourceContext(sources_dir)
    [content] = no_list_ii.crawl(context)
    return content, context


@pytest.fixture(scope="session")
def content(parsed: tuple[EditionContent, SourceContext]) -> EditionContent:
    return parsed[0]


def test_list_and_edition(content: EditionContent) -> None:
    assert content.control_list.id == "no-list-ii"
    assert content.control_list.kind is ListKind.NATIONAL
    assert content.control_list.authority == "NO"
    assert content.edition.date == dt.date(2022, 3, 1)
    assert content.edition.sha256 == no_list_ii.PDF_SHA256
    assert content.edition.source_url.startswith("https://lovdata.no/")


def test_366_entries_equal_to_the_text_rendering_and_the_django_fixture(
    content: EditionContent, sources_dir: Path
) -> None:
    codes = [entry.code for entry in content.entries]
    assert len(codes) == len(set(codes)) == 366
    rendered = set(re.findall(r"^(\d[A-E]\d{3})\s", (sources_dir / TXT).read_text(), re.MULTILINE))
    fixture = json.loads((sources_dir / FIXTURE).read_text())
    regulations = {row["fields"]["code"] for row in fixture if row["model"] == "regulations.regulation"}
    assert set(codes) == rendered == regulations


def test_entries_per_category(content: EditionContent, sources_dir: Path) -> None:
    counts = collections.Counter(entry.category for entry in content.entries)
    assert counts == {"0": 15, "1": 92, "2": 52, "3": 39, "4": 11, "5": 13, "6": 36, "7": 37, "8": 8, "9": 63}
    fixture = json.loads((sources_dir / FIXTURE).read_text())
    independent = collections.Counter(
        row["fields"]["code"][0] for row in fixture if row["model"] == "regulations.regulation"
    )
    assert counts == independent


def test_measured_totals(content: EditionContent) -> None:
    # 3295 before the 2E003.f table's notes (38 pseudo-items under 2E301) and the "APP" technical note
    # (4E001.1, 4E001.2.x) were set apart, undotted labels (3A234.b, 5A001.f, 1C351.c.12) read, and the
    # items of 3A201, 4E001 and 9E101 placed as printed; their 16 notes (8 N.B., 8 Notes) left with them.
    assert content.item_count == 3292
    assert content.note_count == 725
    assert len(content.definitions) == 177
    kinds = collections.Counter(note.kind for entry in content.entries for item in entry.items for note in item.notes)
    assert kinds == {NoteKind.TECHNICAL_NOTE: 236, NoteKind.DECONTROL: 220, NoteKind.NB: 144, NoteKind.NOTE: 125}


def test_entry_structure_and_regime(content: EditionContent) -> None:
    entry = content.entry("0B001")
    assert entry is not None
    assert entry.eu_code == "0B001" and entry.regime is Regime.NSG
    assert entry.items[0].code == "0B001" and entry.items[0].depth == 0
    item = entry.item("0B001.b.7.a")
    assert item is not None and item.parent == "0B001.b.7" and item.depth == 3
    assert [child.code for child in entry.children("0B001.a")] == [f"0B001.a.{n}" for n in range(1, 10)]
    assert content.entry("1C350") is not None and content.entry("1C350").regime is Regime.AG  # type: ignore[union-attr]
    assert content.entry("9A101").regime is Regime.MTCR  # type: ignore[union-attr]


# Item texts as printed in the PDF (the lines joined with single spaces).
EXACT = {
    "0A001": '"Nuclear reactors" and specially designed or prepared equipment and components therefor, as follows:',
    "0A001.b": "Metal vessels, or major shop-fabricated parts therefor, including the reactor vessel head for a "
    'reactor pressure vessel, specially designed or prepared to contain the core of a "nuclear reactor";',
    "0B001.a.6": 'Atomic vapour "laser" isotope separation plant;',
    "0B001.b.13.b": "High stability (with frequency control better than 0,2%);",
    "0B001.b.1": "Gas centrifuges;",
    "1C350.4": "SEE MILITARY GOODS CONTROLS for Methyl phosphonyl difluoride (CAS 676-99-3);",
    "1C351.d.1": "Botulinum toxins;",
    "2B001.a.1": '"Unidirectional positioning repeatability" equal to or less (better) than 0,9 µm along one or '
    "more linear axis with a travel length less than 1,0 m; or",
    "4A003.b": '"Digital computers" having an "Adjusted Peak Performance" ("APP") exceeding 29 Weighted '
    "TeraFLOPS (WT);",
    "6A003.b.4.b": 'Incorporating "focal plane arrays" specified in 6A002.a.3.f.; or',
    "9A004": 'Space launch vehicles, "spacecraft", "spacecraft buses", "spacecraft payloads", "spacecraft" '
    "on-board systems or equipment, terrestrial equipment, and air-launch platforms as follows:",
    "1A003.a": "A thickness exceeding 0,254 mm; or",
}


@pytest.mark.parametrize("code", sorted(EXACT))
def test_exact_item_text(content: EditionContent, code: str) -> None:
    entry = content.entry(code.split(".")[0])
    assert entry is not None
    item = entry.item(code)
    assert item is not None
    assert item.text == EXACT[code]


def test_notes_attach_to_the_item_they_name(content: EditionContent) -> None:
    entry = content.entry("0A001")
    assert entry is not None
    internals = entry.item("0A001.h")
    assert internals is not None and [note.kind for note in internals.notes] == [NoteKind.TECHNICAL_NOTE]
    heat = entry.item("0A001.i")
    assert heat is not None
    assert heat.notes[0].kind is NoteKind.DECONTROL
    assert heat.notes[0].text.startswith("0A001.i. does not control heat exchangers")
    centrifuges = content.entry("0B001").item("0B001.b")  # type: ignore[union-attr]
    assert centrifuges is not None and "1. Maraging steel" in centrifuges.notes[0].text


def test_note_lists_stay_in_the_note(content: EditionContent) -> None:
    entry = content.entry("2B001")
    assert entry is not None
    assert entry.item("2B001.a") is not None and entry.item("2B001.a.1") is not None
    heading = entry.items[0]
    listed = [note for note in heading.notes if note.label == "2"]
    assert listed and "e. Dental prostheses." in listed[0].text
    assert entry.item("2B001.e") is not None and entry.item("2B001.e").parent == "2B001"  # type: ignore[union-attr]


def test_no_running_text_leaks_into_items(content: EditionContent) -> None:
    marker = re.compile(r"CATEGORY \d|\d[A-E]\d{3}\S*(?: Note \d)? ?continued|\ufffe|^\d{1,3}$")
    for entry in content.entries:
        for item in entry.items:
            # Only an item whose text is all in its children is printed without text (3A201.a.1, 4E001).
            assert item.text or entry.children(item.code), item.code
            for text in [item.text, *(note.text for note in item.notes)]:
                assert not marker.search(text), (item.code, text[:80])


def test_defined_terms_and_definitions(content: EditionContent) -> None:
    item = content.entry("0A001").item("0A001.a")  # type: ignore[union-attr]
    assert item is not None and item.defined_terms == ["Nuclear reactors"]
    terms = {definition.term: definition for definition in content.definitions}
    assert terms["Accuracy"].scope == "(2 3 6 7 8)"
    assert terms["Yarn"].text.startswith("is a bundle of twisted 'strands'.")


def test_documents_and_cross_references(content: EditionContent) -> None:
    kinds = {document.kind for document in content.documents}
    assert {"general notes", "acronyms", "update summary", "group note"} <= kinds
    general = next(document for document in content.documents if document.kind == "general notes")
    assert "GENERAL TECHNOLOGY NOTE (GTN)" in general.text
    references = {(ref.from_code, ref.to_code, ref.kind) for ref in content.cross_references}
    assert ("1A002", "1A202", XRefKind.SEE_ALSO) in references
    assert ("3A225", "0B001.b.13", XRefKind.OTHER_THAN) in references
    assert len(content.cross_references) == 883


def test_no_unplaced_text_on_the_real_pdf(parsed: tuple[EditionContent, SourceContext]) -> None:
    assert parsed[1].warnings == []


def test_wrong_hash_is_a_source_error(tmp_path: Path, sources_dir: Path) -> None:
    folder = tmp_path / FOLDER
    folder.mkdir()
    (folder / Path(no_list_ii.PDF).name).write_bytes(b"%PDF-1.4 not the list")
    with pytest.raises(SourceError, match="does not match the pinned"):
        no_list_ii.crawl(SourceContext(tmp_path))


def test_truncated_pdf_is_a_source_error(tmp_path: Path, sources_dir: Path) -> None:
    folder = tmp_path / FOLDER
    folder.mkdir()
    data = (sources_dir / no_list_ii.PDF).read_bytes()
    (folder / Path(no_list_ii.PDF).name).write_bytes(data[: len(data) // 3])
    with pytest.raises(SourceError) as error:
        no_list_ii.crawl(SourceContext(tmp_path, verify_hashes=False))
    assert no_list_ii.PDF in str(error.value) and "\n" not in str(error.value)


def test_missing_file_is_a_source_error(tmp_path: Path) -> None:
    shutil.rmtree(tmp_path, ignore_errors=True)
    tmp_path.mkdir()
    with pytest.raises(SourceError, match="file not found"):
        no_list_ii.crawl(SourceContext(tmp_path))


def _codes(content: EditionContent, code: str) -> list[str]:
    entry = content.entry(code)
    assert entry is not None
    return [item.code for item in entry.items]


def test_text_set_apart_after_an_entry_is_a_document_not_items(content: EditionContent) -> None:
    assert _codes(content, "2E301") == ["2E301"]
    assert content.entry("2E301").heading.endswith("specified in 2B350 to 2B352.")  # type: ignore[union-attr]
    titles = [document.title for document in content.documents if document.kind == "group note"]
    assert "TABLE - DEPOSITION TECHNIQUES - NOTES" in titles
    assert 'TECHNICAL NOTE ON "ADJUSTED PEAK PERFORMANCE" ("APP")' in titles
    app = next(document for document in content.documents if document.title.startswith("TECHNICAL NOTE ON"))
    assert app.text.startswith('"APP" is an adjusted peak rate')


def test_an_entry_printed_without_heading_opens_with_its_item_a(content: EditionContent) -> None:
    assert _codes(content, "4E001") == ["4E001", "4E001.a", "4E001.b", "4E001.b.1", "4E001.b.2", "4E001.c"]
    technology = content.entry("4E001")
    assert technology is not None and technology.heading == ""
    assert technology.item("4E001.b.1").text.startswith('"Digital computers" having an "Adjusted Peak')  # type: ignore[union-attr]
    assert [note.label for note in technology.item("4E001.c").notes] == ["1", "2"]  # type: ignore[union-attr]
    assert _codes(content, "9E101") == ["9E101", "9E101.a", "9E101.b"]


def test_labels_printed_without_their_full_stop(content: EditionContent) -> None:
    striplines = content.entry("3A234")
    assert striplines is not None
    assert [(item.code, item.text) for item in striplines.items[1:]] == [
        ("3A234.a", "Voltage rating greater than 2 kV; and"),
        ("3A234.b", "Inductance of less than 20 nH."),
    ]
    codes = _codes(content, "5A001")
    assert "5A001.f.3.c" in codes and "5A001.j.2.b" in codes and not any(c.startswith("5A001.e.3") for c in codes)
    mobile = content.entry("5A001").item("5A001.f")  # type: ignore[union-attr]
    assert mobile is not None and mobile.text.startswith("Mobile telecommunications interception or jamming")
    bacteria = content.entry("1C351")
    assert bacteria is not None
    assert [item.code for item in bacteria.children("1C351.c")] == [f"1C351.c.{n}" for n in range(1, 23)]
    assert bacteria.item("1C351.c.12").text == "Clostridium perfringens epsilon toxin producing types;"  # type: ignore[union-attr]


def test_an_item_and_its_first_child_on_one_line(content: EditionContent) -> None:
    components = content.entry("3A201")
    assert components is not None
    assert [item.code for item in components.children("3A201.a.1")] == [f"3A201.a.1.{label}" for label in "abcd"]
    assert [item.code for item in components.children("3A201.c.2")] == ["3A201.c.2.a", "3A201.c.2.b"]
    assert components.item("3A201.a.2.a").text == "Voltage rating greater than 750 V;"  # type: ignore[union-attr]
    assert [item.code for item in components.children("3A201")] == ["3A201.a", "3A201.b", "3A201.c"]


def test_a_list_indented_under_a_note_stays_in_it(content: EditionContent) -> None:
    radar = content.entry("6A008")
    assert radar is not None
    assert radar.children("6A008.k.2") == []
    [note] = radar.item("6A008.k.2").notes  # type: ignore[union-attr]
    assert note.text.endswith('d. Peak output power not exceeding 250 W; and e. Not capable of "frequency hopping".')
