"""India's SCOMET list: both editions parsed from the real PDFs (each parsed once per session)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import time
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from interregime.domain.corpus import EditionContent, ListKind, NoteKind
from interregime.domain.regimes import Regime
from interregime.ingest import in_scomet
from interregime.ingest.context import SourceContext, SourceError
from interregime.ingest.in_scomet_numbering import eu_code_of, split_label
from interregime.ingest.in_scomet_pages import read_pdf_lines

pytestmark = pytest.mark.slow

PARSE_SECONDS: dict[str, float] = {}


@pytest.fixture(scope="session")
def scomet_context(sources_dir: Path) -> SourceContext:
    return SourceContext(sources_dir)


@pytest.fixture(scope="session")
def editions(scomet_context: SourceContext) -> dict[int, EditionContent]:
    parsed: dict[int, EditionContent] = {}
    for year, file, url in ((2024, in_scomet.FILE_2024, in_scomet.URL_2024), (2018, in_scomet.FILE_2018, "")):
        start = time.perf_counter()
        parsed[year] = in_scomet.parse_edition(scomet_context, file, url)
        PARSE_SECONDS[file] = time.perf_counter() - start
    return parsed


@pytest.fixture(scope="session")
def raw_lines(sources_dir: Path) -> dict[int, list[str]]:
    return {
        year: [line.text for line in read_pdf_lines((sources_dir / file).read_bytes(), file).lines]
        for year, file in ((2024, in_scomet.FILE_2024), (2018, in_scomet.FILE_2018))
    }


def test_editions_and_list(editions: dict[int, EditionContent]) -> None:
    new, old = editions[2024], editions[2018]
    assert new.control_list.id == old.control_list.id == "in-scomet"
    assert new.control_list.kind is ListKind.NATIONAL and new.control_list.authority == "IN"
    assert new.edition.date == dt.date(2024, 9, 2)
    assert old.edition.date == dt.date(2018, 2, 2)
    assert new.edition.source_url.startswith("https://content.dgft.gov.in/")
    assert new.edition.sha256 == in_scomet.FILES[in_scomet.FILE_2024]
    print({file: round(seconds, 2) for file, seconds in PARSE_SECONDS.items()})


EXPECTED_PER_CATEGORY = {
    2024: {"0": 33, "1": 111, "2": 202, "3": 73, "4": 46, "5": 50, "6": 22, "7": 5, "8": 172},
    2018: {"0": 33, "1": 80, "2": 193, "3": 72, "4": 46, "5": 50, "6": 22, "7": 5, "8": 169},
}


@pytest.mark.parametrize("year", [2024, 2018])
def test_entries_per_category(editions: dict[int, EditionContent], year: int) -> None:
    counts = Counter(entry.category for entry in editions[year].entries)
    assert dict(counts) == EXPECTED_PER_CATEGORY[year]


# Entries whose code line the scan misses: code and text split over two lines, footnote marks,
# a full stop after the code ("8D601. "Software"") or a code glued to the line before.
PARSED_ONLY_COUNT = {2024: 5, 2018: 18}


@pytest.mark.parametrize("year", [2024, 2018])
def test_entry_codes_against_an_independent_scan(
    editions: dict[int, EditionContent], raw_lines: dict[int, list[str]], year: int
) -> None:
    scan = re.compile(r"^(?:\d{1,3}\.?\s+)?(\d[A-H])\s?(\d{3})(?:\d{1,2})?\s+\S")
    scanned = {match[1] + match[2] for line in raw_lines[year] if (match := scan.match(line))}
    parsed = {entry.code for entry in editions[year].entries if len(entry.code) == 5}
    assert scanned - parsed == set()
    assert len(parsed - scanned) == PARSED_ONLY_COUNT[year]


ITEM_TEXTS = {
    2024: {
        "0A101": "Uranium containing the mixture of isotopes occurring in nature.",
        "0B001.a": "Complete nuclear reactors",
        "2A001": "Bacillus anthracis",
        "3A102": "Maraging steels having all of the following:",
        "4A001": "Flow-forming machines, spin-forming machines capable of flow-forming functions, "
        "and mandrels, as follows:",
        "5A101": "Systems for missiles and rockets, including:",
        "8A101": "Components made from fluorinated compounds, as follows:",
        "8A101.a": 'Seals, gaskets, sealants or fuel bladders, specially designed for "aircraft" or aerospace '
        "use, made from more than 50 % by weight of any of the materials specified by 8C109.b or 8C109.c;",
        "8B301.a": "Equipment designed for epitaxial growth as follows:",
        "8B301.b": "Equipment designed for ion implantation and having any of the following:",
        "8E102.e": '"Technology" for the installation, maintenance or repair of materials specified by 8C101;',
        "7A": "[Reserved]",
    },
    2018: {
        "0A101": "Uranium containing the mixture of isotopes occurring in nature.",
        "0B001.a": "Complete nuclear reactors",
        "2A001": "Bacillus anthracis",
        "3A102": "Maraging steel in any form in which any linear dimension exceeds 75 mm, or in the form of "
        "sheet, plate or tubing with a wall or plate thickness equal or less than 5 mm.",
        "5A101": "Systems for missiles and rockets, including:",
        "8A101.a": 'Seals, gaskets, sealants or fuel bladders, specially designed for "aircraft" or aerospace '
        "use, made from more than 50 % by weight of any of the materials specified by 8C109.b or 8C109.c;",
        "8B301": "Equipment for the manufacturing of semiconductor devices or materials, as follows and "
        "specially designed components and accessories therefor:",
        "8B301.a": "Equipment designed for epitaxial growth as follows:",
        "8C102": "Metal alloys, metal alloy powder and alloyed materials, as follows: (See Commodity "
        "Identification Note 1 of SCOMET list)",
        "8E102.e": '"Technology" for the installation, maintenance or repair of materials specified by 8C101;',
        "1B001": "2-Chloro N, N-Di-isopropyl ethylamine",
    },
}


@pytest.mark.parametrize("year", [2024, 2018])
def test_item_texts(editions: dict[int, EditionContent], year: int) -> None:
    for code, text in ITEM_TEXTS[year].items():
        entry = editions[year].entry(code.split(".")[0])
        assert entry is not None, code
        item = entry.item(code)
        assert item is not None, code
        assert item.text == text, code
        assert item.depth == code.count(".")
        assert item.parent == (code.rsplit(".", 1)[0] if "." in code else None)


def test_notes_attached(editions: dict[int, EditionContent]) -> None:
    entry = editions[2018].entry("8C102")
    assert entry is not None
    kinds = [note.kind for note in entry.items[0].notes]
    assert kinds[:2] == [NoteKind.DECONTROL, NoteKind.TECHNICAL_NOTE]
    assert entry.items[0].notes[1].text.startswith("1. The metal alloys in 8C102 are those containing")
    assert editions[2024].note_count > 500 and editions[2018].note_count > 500


@pytest.mark.parametrize("year", [2024, 2018])
def test_no_page_furniture_in_items(editions: dict[int, EditionContent], year: int) -> None:
    furniture = re.compile(r"Appendix\s*3\s*[–-]\s*SCOMET List|=====|\ufffe|Para 1\([A-Z]\) of Notification")
    for entry in editions[year].entries:
        for item in entry.items:
            for text in [item.text, *(note.text for note in item.notes)]:
                assert not furniture.search(text), (item.code, text[:80])


def _eu_headings(sources_dir: Path) -> dict[str, str]:
    path = sources_dir / "eu_annex_i" / "eu_2021_821_annex_i_consolidated_20251115.json"
    entries = json.loads(path.read_text(encoding="utf-8"))["entries"]
    return {
        entry["entry_code"]: entry["verbatim_text"].split("\n", 1)[0].removeprefix(entry["entry_code"])
        for entry in entries
    }


def _squeeze(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


@pytest.mark.parametrize("scomet, eu", [("8B301", "3B001"), ("8A101", "1A001"), ("8C102", "1C002"),
                                        ("8A401", "4A001"), ("8D101", "1D001")])
def test_category_8_numbering_matches_eu_headings(
    editions: dict[int, EditionContent], sources_dir: Path, scomet: str, eu: str
) -> None:
    assert eu_code_of(scomet) == eu
    entry = editions[2024].entry(scomet)
    assert entry is not None and entry.eu_code == eu and entry.regime is Regime.WA
    eu_heading = _squeeze(_eu_headings(sources_dir)[eu])
    assert _squeeze(entry.heading)[:30] == eu_heading[:30]


def test_numbering_rule_only_for_category_8(editions: dict[int, EditionContent]) -> None:
    assert eu_code_of("8E102.e") == "1E002.e"
    assert eu_code_of("3B001") == eu_code_of("0A101") == eu_code_of("8A1") == ""
    for entry in editions[2024].entries:
        assert bool(entry.eu_code) == (entry.category == "8"), entry.code


def test_regimes_from_the_text(editions: dict[int, EditionContent]) -> None:
    regimes = {entry.category: entry.regime for entry in editions[2024].entries}
    assert regimes["1"] is Regime.CWC and regimes["6"] is Regime.WA and regimes["8"] is Regime.WA
    assert regimes["0"] is None and regimes["7"] is None


def test_definitions_and_documents(editions: dict[int, EditionContent]) -> None:
    for year, count in ((2024, 213), (2018, 206)):
        terms = {definition.term: definition.text for definition in editions[year].definitions}
        assert len(editions[year].definitions) == count
        assert terms["Accuracy"].startswith("(Usually measured in terms of inaccuracy) is the maximum deviation")
        kinds = {document.kind for document in editions[year].documents}
        assert {"general notes", "general technology note", "acronyms", "amendment footnotes"} <= kinds


def test_cross_references(editions: dict[int, EditionContent]) -> None:
    references = editions[2024].cross_references
    assert any(ref.from_code == "8A101.a" and ref.to_code == "8C109.b" for ref in references)


def test_labels() -> None:
    first = split_label("h. Hydraulic")
    assert first is not None
    after_h = split_label("i. Items", first[0])
    assert after_h is not None and after_h[0].style == "alpha."
    roman = split_label("i. Items")
    assert roman is not None and roman[0].style == "roman."
    assert split_label("1.5 gram") is None
    glued = split_label("a.Output energy exceeding 1.5 J")
    assert glued is not None and glued[0].value == "a" and glued[1].startswith("Output")
    assert split_label("e.g. GaAs") is None and split_label("a.ADNBF") is None


def _copy_sources(sources_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "india_scomet"
    folder.mkdir()
    for file in (in_scomet.FILE_2024, in_scomet.FILE_2018):
        shutil.copyfile(sources_dir / file, tmp_path / file)
    return tmp_path


def test_wrong_hash(sources_dir: Path, tmp_path: Path) -> None:
    folder = _copy_sources(sources_dir, tmp_path)
    with (folder / in_scomet.FILE_2018).open("ab") as handle:
        handle.write(b"\n%extra")
    with pytest.raises(SourceError, match=r"india_scomet_2018\.pdf: sha256"):
        in_scomet.crawl(SourceContext(folder))


def test_truncated_pdf(sources_dir: Path, tmp_path: Path) -> None:
    folder = _copy_sources(sources_dir, tmp_path)
    path = folder / in_scomet.FILE_2024
    path.write_bytes(path.read_bytes()[:200_000])
    with pytest.raises(SourceError, match=r"india_scomet_2024\.pdf"):
        in_scomet.crawl(SourceContext(folder, verify_hashes=False))


def test_not_a_pdf(tmp_path: Path) -> None:
    (tmp_path / "india_scomet").mkdir()
    (tmp_path / in_scomet.FILE_2024).write_text("<html>not found</html>")
    with pytest.raises(SourceError, match=r"india_scomet_2024\.pdf:byte 0: not a PDF"):
        in_scomet.crawl(SourceContext(tmp_path, verify_hashes=False))


def _notes_by_label(editions: dict[int, EditionContent], year: int, code: str) -> dict[str, list[str]]:
    entry = editions[year].entry(code)
    assert entry is not None, code
    notes: dict[str, list[str]] = {}
    for note in entry.items[0].notes:
        notes.setdefault(note.label, []).append(note.text)
    return notes


# Category 1 table rows: the name is the entry's text, the schedule, CAS and ITC(HS) columns are notes.
TABLE_ROWS = [
    (2018, "1B001", "2-Chloro N, N-Di-isopropyl ethylamine", "2B10", "4261-68-1", ["29211911"]),
    (2018, "1C001", "Phosgene : ( Carbonyl", "3A01", "75-44-5", ["28121010"]),
    (2018, "1C017", "Triethanolamine", "3B17", "102-71-6", ["29221300"]),
    (2018, "1B009", "Di-Methyl Amino ethanethiol Hydrochloride", "2B12", "13242-44-9", ["29221116"]),
    (2024, "1B001", "2-Chloro N, N -Di-isopropyl ethylamine", "2B10", "96-79-7", ["29211910"]),
    (2024, "1B007", "Di-Methyl Amino ethyl chloride Hydrochloride", "2B10", "4584-46-7", ["29211200"]),
    (2024, "1B009", "Di-Methyl Amino ethanethiol Hydrochloride", "2B12", "13242-44-9", ["29309093"]),
    (2024, "1B010", "Phosphorothioic acid, S [2-(diethylamino) ethyl] O, O – diethyl ester", "2A01", "78-53-5",
     ["29309097"]),
    (2024, "1B012", "phenyl, 1 – azabicyclo [2.2.2.] oct-3-yl ester", "2A03", "1709855", ["29333940"]),
    (2024, "1B035", "Ethanol, 2, 2’-thiobis-", "2B13", "111-48-8", ["29309091", "29307000"]),
    (2024, "1C001", "Phosgene : ( Carbonyl dichloride)", "3A01", "75-44-5", ["28121100"]),
    (2024, "1E004", "Chloropicrin : Trichloronitro-Methane", "3A04", "76-06-2", ["29049100"]),
]


@pytest.mark.parametrize("year, code, name, schedule, cas, hs_codes", TABLE_ROWS)
def test_chemical_table_columns_are_notes(
    editions: dict[int, EditionContent], year: int, code: str, name: str, schedule: str, cas: str,
    hs_codes: list[str],
) -> None:
    entry = editions[year].entry(code)
    assert entry is not None and entry.heading == name == entry.items[0].text
    notes = _notes_by_label(editions, year, code)
    assert notes["CWC schedule"] == [schedule] and notes["CAS"] == [cas] and notes["ITC(HS)"] == hs_codes


def test_chemical_table_edges(editions: dict[int, EditionContent]) -> None:
    assert _notes_by_label(editions, 2018, "1D001") == {"CAS": ["107-07-3"]}
    assert _notes_by_label(editions, 2024, "1D029") == {"CAS": ["460-52-6"]}
    reserved = editions[2024].entry("1B025")
    assert reserved is not None and reserved.heading == "‘(Reserved)’" and not reserved.items[0].notes
    # The text after the last row is the list's own, not part of the chemical's name.
    last = editions[2018].entry("1C017")
    assert last is not None and last.items[0].notes[-1].text.startswith("Table 1 Argentina, Australia")


def test_2018_chemical_table_1c_has_its_entries(editions: dict[int, EditionContent]) -> None:
    codes = {entry.code for entry in editions[2018].entries}
    assert {f"1C{number:03d}" for number in range(1, 18)} <= codes
    assert "1C4" not in codes and "2H5" not in codes  # footnote marks, not sub-groups
    genetic = editions[2018].entry("2H001")
    assert genetic is not None
    assert genetic.heading == "Any genetically-modified organism which contains, or genetic element that codes for:"
    titles = [document.title for document in editions[2018].documents]
    assert any(title.startswith("1C Export of chemicals listed in 1C") for title in titles)


MISSED_BEFORE = {
    2024: {
        "1B012": "phenyl, 1 – azabicyclo [2.2.2.] oct-3-yl ester",
        "6A002.b": "Projectors, specially designed or modified for military use, as follows: 1.Smoke canister "
        "projectors; 2.Gas canister projectors; 3.Pyrotechnics projectors;",
        "8D601": '"Software" specially designed for the "development" or "production" of equipment specified by '
        "8A604,8A605, 8A608 or 8B608.",
        "8D602": '"Software" specially designed for the "use" of equipment specified by 8A602.b, 8A608 or 8B608.',
        "8D603": 'Other "software" as follows:',
        "8B602": "Masks and reticles, specially designed for optical sensorsspecified by 8A602.a.1.b or 8A602.a.1.d",
        "8A801.a": "Manned, tethered submersible vehicles designed to operate at depths exceeding 1,000 m;",
        "8A801.b": "Manned, untethered submersible vehicles having any of the following:",
        "8A801.b.1": "Designed to 'operate autonomously' and having a lifting capacity of all the following:",
    },
    2018: {
        "8B602": "(Reserved)",
        "8D602": '"Software" specially designed for the "use" of equipment specified by 8A602.b, 8A608 or 8B608.',
    },
}


@pytest.mark.parametrize("year", [2024, 2018])
def test_entries_and_items_missed_before(editions: dict[int, EditionContent], year: int) -> None:
    for code, text in MISSED_BEFORE[year].items():
        entry = editions[year].entry(code.split(".")[0])
        assert entry is not None, code
        item = entry.item(code)
        assert item is not None and item.text == text, code
    # The 2024 text layer holds neither 6A002's heading nor 6A002.a; the entry opens with its b.
    entry_6a002 = editions[2024].entry("6A002")
    assert entry_6a002 is not None and entry_6a002.heading == "" and entry_6a002.item("6A002.a") is None


def test_item_after_a_note_list_is_not_swallowed(editions: dict[int, EditionContent]) -> None:
    """5A102's "Notes" list a.-c. is indented under its head; the "d." after it, printed in the
    column of 5A102.c, is the next item, not a fourth entry of the note's list."""
    entry = editions[2024].entry("5A102")
    assert entry is not None
    note = entry.item("5A102.c")
    assert note is not None and note.notes[0].text.endswith("may be exported as part of a satellite;")
    expected = {
        "5A102.d": "re-entry vehicles and equipment including",
        "5A102.d.3": "Electronic equipment specially designed for re-entry vehicles.",
        "5A102.i": "software specially designed for reduced observables such as radar reflectivity, "
        "ultraviolet/infrared signatures and acoustic signatures.",
    }
    for code, text in expected.items():
        item = entry.item(code)
        assert item is not None and item.text == text, code
    # A note list in the same column as the items it could continue stays in the note.
    entry_8c110 = editions[2024].entry("8C110")
    assert entry_8c110 is not None and entry_8c110.item("8C110.b.3") is None


def test_line_x_positions(raw_lines: dict[int, list[str]], sources_dir: Path) -> None:
    lines = read_pdf_lines((sources_dir / in_scomet.FILE_2024).read_bytes(), in_scomet.FILE_2024).lines
    by_text = {line.text.strip(): line for line in lines if line.page == 133}
    assert by_text["d. re-entry vehicles and equipment including"].x == pytest.approx(139.5, abs=0.5)
    assert by_text["Notes"].x == pytest.approx(157.6, abs=0.5)
    assert "8A602.a.1.b or 8A602.a.1.d" in [text.strip() for text in raw_lines[2024]]


_BRACKETED = re.compile(r"\([^()]*\)")
_CAPITALS_LINE = re.compile(r"^[A-Z][A-Z0-9\s,\"“”'‘’&/:–-]*$")
_SUB_GROUP = re.compile(r"^8[A-E]\d\.?\s*(?=[A-Z]{2})")
_CAPITAL_WORD = re.compile(r"\b[A-Z]{5,}\b")


def _pdf_section_titles(lines: list[str]) -> tuple[set[str], set[str]]:
    """The section titles printed after the CATEGORY 8 heading, scanned from the PDF text on its own
    terms: a line of capitals (bracketed parts aside) with a word of five capitals or more, or the
    title of a sub-group ("8E2MATERIAL PROCESSING (TECHNOLOGY)"); and the capital words of five
    letters or more that only titles use. A title that is also a word of running text (a lone
    "SCOMET" in a table of the annexure) is no title here."""
    start = next(position for position, line in enumerate(lines) if re.match(r"^\s*CATEGORY 8\b", line))
    titles: set[str] = set()
    other: list[str] = []
    for line in lines[start + 1 :]:
        text = _SUB_GROUP.sub("", " ".join(line.split()))
        bare = _BRACKETED.sub("", text)
        if _CAPITALS_LINE.match(bare.strip()) and _CAPITAL_WORD.search(bare):
            titles.add(re.sub(r"\s*[–-]$", "", text))
        else:
            other.append(text)
    # A title printed before an entry's own text ("8B603. CAMERAS – (Reserved)") is still a title.
    longest = sorted(titles, key=len, reverse=True)
    running = []
    for text in other:
        for title in longest:
            text = re.sub(re.escape(title) + r"\s*[–-]", " ", text)
        running.append(text)
    running_words = {word for text in running for word in _CAPITAL_WORD.findall(text)}
    titles = {title for title in titles if not any(title in text for text in running)}
    words = {word for title in titles for word in _CAPITAL_WORD.findall(_BRACKETED.sub("", title))}
    return titles, words - running_words


@pytest.mark.parametrize("year", [2024, 2018])
def test_no_section_titles_in_items(
    editions: dict[int, EditionContent], raw_lines: dict[int, list[str]], year: int
) -> None:
    """No item or note text holds a section title of the PDF, one of its capital words, the running
    header or its date. Before the titles were recognised, 41 (2024) and 40 (2018) texts held one."""
    titles, words = _pdf_section_titles(raw_lines[year])
    assert {"ACOUSTICS", "OPTICAL SENSORS", "RADAR", "TABLE - DEPOSITION TECHNIQUES"} <= titles
    assert {"CAMERAS", "GRAVIMETERS", "PROCESSING", "EXPLOSIVES"} <= words and "SCOMET" not in words
    furniture = re.compile(r"Appendix\s*3|[–-]\s*SCOMET\s+List\b|as\s+on\s+\d{2}\.\d{2}\.\d{4}")
    found = []
    for entry in editions[year].entries:
        for item in entry.items:
            for text in [item.text, *(note.text for note in item.notes)]:
                leaked = [title for title in titles if re.search(rf"(?<![\w\"“]){re.escape(title)}(?!\w)", text)]
                leaked += [word for word in _CAPITAL_WORD.findall(text) if word in words]
                leaked += furniture.findall(text)
                if leaked:
                    found.append((item.code, leaked))
    assert found == []


def test_titled_texts_are_documents(editions: dict[int, EditionContent]) -> None:
    """The explosives list of Annex A, the deposition table and the APP technical note are documents,
    not sub-items of the entry before them; a sub-section title before an entry's text is dropped."""
    for year in (2024, 2018):
        documents = editions[year].documents
        sections = {document.title: document.text for document in documents if document.kind == "section"}
        assert any(title.startswith("ANNEX-A") for title in sections), year
        assert "ADNBF" in next(text for title, text in sections.items() if title.startswith("ANNEX-A"))
        assert "TABLE - DEPOSITION TECHNIQUES" in sections
        assert any(title.startswith("TECHNICAL NOTE ON 'ADJUSTED PEAK PERFORMANCE'") for title in sections)
        entry = editions[year].entry("8E102")
        assert entry is not None and entry.item("8E102.g.1") is None
        reserved = editions[year].entry("8B603")
        assert reserved is not None and reserved.heading == "(Reserved)"
        technology = editions[year].entry("8E203")
        assert technology is not None and technology.item("8E203.g") is None


def test_note_lists_are_not_items(editions: dict[int, EditionContent], sources_dir: Path) -> None:
    """8A603 is EU 6A003: b.4 has sub-items a.-c., and the "c." of its Note 3 (cameras for civilian
    passenger land vehicles), printed after a technical note inside that note, is no item 8A603.c."""
    eu_6a003 = next(
        entry["verbatim_text"]
        for entry in json.loads(
            (sources_dir / "eu_annex_i" / "eu_2021_821_annex_i_consolidated_20251115.json").read_text(encoding="utf-8")
        )["entries"]
        if entry["entry_code"] == "6A003"
    )
    eu_items = set(re.findall(r"^6A003(\.[a-z0-9.]+)\s", eu_6a003, re.MULTILINE))
    for year in (2024, 2018):
        entry = editions[year].entry("8A603")
        assert entry is not None
        codes = {item.code.removeprefix("8A603") for item in entry.items if item.depth}
        assert {".b.4.a", ".b.4.b", ".b.4.c", ".b.5"} <= codes & eu_items
        assert entry.item("8A603.c") is None and ".c" not in eu_items
        notes = [note.text for item in entry.items for note in item.notes]
        assert any("c. The camera is specially designed for installation into a civilian" in text for text in notes)


# 8B201 (EU 2B001) prints a lone "1." before its heading and, in 2024, "8B201. a" with the
# label's full stop before the letter; b.1 differs only by a space the 2024 text layer lacks.
_8B201_B1 = (
    'Three linear axes plus one rotary axis which can be coordinated simultaneously for "contouring{}control" '
    "having any of the following:"
)
MACHINE_TOOLS = {
    "8B201.a": "Machine tools for turning having two or more axes which can be coordinated simultaneously for "
    '"contouring control" having any of the following:',
    "8B201.b.2": 'Five or more axes which can be coordinated simultaneously for "contouring control" '
    "having any of the following:",
}


@pytest.mark.parametrize("year", [2024, 2018])
def test_machine_tools_heading_items_and_notes(editions: dict[int, EditionContent], year: int) -> None:
    entry = editions[year].entry("8B201")
    assert entry is not None
    assert entry.heading.startswith("Machine tools and any combination thereof, for removing (or cutting) metals")
    assert entry.heading.endswith('can be equipped with electronic devices for "numerical control", as follows:')
    assert entry.item("8B201.1") is None
    expected = {**MACHINE_TOOLS, "8B201.b.1": _8B201_B1.format("" if year == 2024 else " ")}
    for code, text in expected.items():
        item = entry.item(code)
        assert item is not None and item.text == text, code
        assert item.parent == code.rsplit(".", 1)[0]
    root = entry.items[0]
    assert [note.label for note in root.notes][-1] == "N.B."
    assert root.notes[-1].text == "For optical finishing machines, see 8B202."
    assert not any("Machine tools for turning" in note.text for note in root.notes)
    notes_a = entry.item("8B201.a.2")
    assert notes_a is not None and [note.kind for note in notes_a.notes] == [NoteKind.DECONTROL] * 2
    # 8A201 (EU 2A001) prints the same lone "1."; its "a." is the entry's own 8A201.a.
    bearings = editions[year].entry("8A201")
    assert bearings is not None and bearings.heading.startswith("Anti-friction bearings")
    assert bearings.item("8A201.1") is None
    # In 2018 8A201's a.-c. are still read as the list of the decontrol note printed before them.
    assert year == 2018 or bearings.item("8A201.a") is not None


# Entries whose code the PDF follows directly with their first sub-paragraph: no heading is printed.
NO_HEADING = {
    "3A113": "(a) Tungsten ... (b) Tungsten materials ...",
    "3A114": "a. Nickel powder ... b. Porous nickel metal ...",
    "3A501": "a. Materials for reduced observables ... b. Devices ...",
    "3D001": "(1) Reaction Vessels, Reactors or Agitators (2) ...",
    "5C007": "1. Integrated navigation system ... 2. ...",
    "5C013": "a. Radiation Hardened microcircuits ... b. ...",
    "6A003": "a. Ammunition and fuze setting devices ... b. ... c. ...",
}
NO_HEADING_2024 = {
    "5A201": "a. Transonic, supersonic, hypersonic wind tunnels ... (2018 prints a heading)",
    "6A002": "the page (not only its text layer) lacks the heading and 6A002.a; 6A002 opens with b.",
}


@pytest.mark.parametrize("year", [2024, 2018])
def test_only_entries_printed_without_a_heading_have_none(editions: dict[int, EditionContent], year: int) -> None:
    empty = {entry.code for entry in editions[year].entries if not entry.heading}
    assert empty == set(NO_HEADING) | (set(NO_HEADING_2024) if year == 2024 else set())
    for code in empty:
        entry = editions[year].entry(code)
        assert entry is not None and len(entry.items) > 1, code  # the sub-paragraphs hold the text


@pytest.mark.parametrize("year", [2024, 2018])
def test_no_space_after_a_hyphen_inside_numbers(editions: dict[int, EditionContent], year: int) -> None:
    """pdfium adds a space after a hyphen where a justified line widens the gap ("7440-41- 7");
    no text keeps one between a word and a digit ("dioxaphosphorinan- 5-yl", "HIV- 1")."""
    gap = re.compile(r"\w-\s+\d")
    for entry in editions[year].entries:
        for item in entry.items:
            for text in [item.text, *(note.text for note in item.notes)]:
                assert not gap.search(text), (item.code, text[:80])
    fillers = editions[year].entry("3A307")
    assert fillers is not None
    assert "(MAPO)(CAS 57-39-6)" in fillers.heading and "Tepanol (HX-878)(CAS 68412-46-4)" in fillers.heading
    if year == 2024:
        metals = editions[2024].entry("3A302")
        assert metals is not None and "beryllium(CAS 7440-41-7)" in metals.heading
    # A table column after a hyphen ("ethyl- 2B04") is no hyphen gap: the schedule stays a column.
    chemical = editions[year].entry("1B019")
    assert chemical is not None and chemical.heading == "Phosphonic acid, ethyl-"
    assert (chemical.items[0].notes[0].label, chemical.items[0].notes[0].text) == ("CWC schedule", "2B04")


def test_running_headers_removed_and_footnotes_set_apart(sources_dir: Path) -> None:
    """The shared reader's lines keep their printed line numbers; the running title never reaches the
    body, and the amendment footnotes are kept apart from it."""
    header = re.compile(r"Appendix\s*3\s*[–-]\s*SCOMET\s+List")
    for file in (in_scomet.FILE_2024, in_scomet.FILE_2018):
        pdf = read_pdf_lines((sources_dir / file).read_bytes(), file)
        assert not [line.place for line in pdf.lines if header.search(line.text)], file
        assert pdf.footnotes and all(re.match(r"^\s*\d{1,2}\s?\S", note.text) for note in pdf.footnotes), file
        assert not {note.text for note in pdf.footnotes} & {line.text for line in pdf.lines}, file
        places = [(line.page, line.number) for line in pdf.lines]
        assert places == sorted(places) and all(number >= 1 for _, number in places), file
    lines_2024 = read_pdf_lines((sources_dir / in_scomet.FILE_2024).read_bytes(), in_scomet.FILE_2024).lines
    first_on_133 = next(line for line in lines_2024 if line.page == 133)
    assert (first_on_133.number, first_on_133.text) == (
        2,
        "b. rocket staging mechanisms, separation mechanisms and inter-stages;",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html>not found</html>", r"india_scomet_2024\.pdf:byte 0: not a PDF file"),
        (b"%PDF-1.7\n1 0 obj broken", r"india_scomet_2024\.pdf: unreadable PDF"),
    ],
)
def test_unreadable_bytes_are_one_line_source_errors(data: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=message) as raised:
        read_pdf_lines(data, in_scomet.FILE_2024)
    assert "\n" not in str(raised.value)


def test_words_the_pdf_glued_together_are_split_by_their_gap(sources_dir: Path,
                                                             raw_lines: dict[int, list[str]]) -> None:
    """The 2024 PDF writes "lessthan" 34 times with no space, only a gap of 0.37-0.45 character heights."""
    document = pdfium.PdfDocument((sources_dir / in_scomet.FILE_2024).read_bytes())
    pdfium_text = " ".join(document[index].get_textpage().get_text_range() for index in range(len(document)))
    text = " ".join(raw_lines[2024])
    assert pdfium_text.count("lessthan") >= 30 and text.count("lessthan") <= 5
    assert "materials such as" in text and "materialssuch" not in text
    # letters of one word are never parted, however wide the kerning ("Sodiu|m", "pu|mps")
    assert "Sodium" in text and " ium " not in text and " nd " not in text
