from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from interregime.domain.corpus import EditionContent, ListKind, NoteKind, XRefKind
from interregime.domain.regimes import Regime
from interregime.ingest import eu_annex_i
from interregime.ingest.build import build
from interregime.ingest.context import SourceContext, SourceError, Warning_
from interregime.storage.corpus_store import load_edition

FILE = eu_annex_i.FILE


@pytest.fixture(scope="session")
def raw(sources_dir: Path) -> dict[str, Any]:
    return json.loads((sources_dir / FILE).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def parsed(sources_dir: Path) -> tuple[EditionContent, list[Warning_], float]:
    context = SourceContext(sources_dir)
    started = time.perf_counter()
    [content] = eu_annex_i.crawl(context)
    return content, context.warnings, time.perf_counter() - started


@pytest.fixture(scope="session")
def content(parsed: tuple[EditionContent, list[Warning_], float]) -> EditionContent:
    return parsed[0]


def test_list_and_edition(content: EditionContent) -> None:
    assert content.control_list.id == "eu-annex-i"
    assert content.control_list.title == "EU dual-use list (Annex I to Regulation (EU) 2021/821)"
    assert content.control_list.kind is ListKind.SUPRANATIONAL
    assert content.control_list.authority == "EU"
    assert content.edition.date.isoformat() == "2025-11-15"
    assert content.edition.sha256 == eu_annex_i.FILES[FILE]
    assert "CELEX:02021R0821-20251115" in content.edition.source_url
    assert content.edition.source_url.startswith("https://eur-lex.europa.eu/")


def test_real_file_parses_fast_and_without_warnings(parsed: tuple[EditionContent, list[Warning_], float]) -> None:
    _, warnings, seconds = parsed
    assert [str(warning) for warning in warnings] == []
    assert seconds < 2.0


def _lines(raw: dict[str, Any]) -> list[tuple[str, str]]:
    return [tuple(line.split(" ", 1)) for entry in raw["entries"] for line in entry["verbatim_text"].split("\n")]  # type: ignore[misc]


def test_counts_measured_and_cross_checked(content: EditionContent, raw: dict[str, Any]) -> None:
    lines = _lines(raw)
    note_lines = [body for _, body in lines if body.startswith(("Note", "Technical Note", "N.B."))]
    item_codes = {code for code, body in lines if not body.startswith(("Note", "Technical Note", "N.B."))}
    assert len(content.entries) == 384 == len(raw["entries"])
    assert len(lines) == 4222
    assert content.note_count == 772 == len(note_lines)
    # 3443 coded items, less the 23 lines of note lists (9A106.c.1-5...), plus the 3 labelled rows of
    # 4A001.a.2 and the 11 lettered sub-items written inline in 3A201.a.1, .a.2, .c.1 and .c.2.
    assert len(item_codes) == 3443
    assert content.item_count == 3443 - 23 + 3 + 11 == 3434
    # The 4 remaining lines continue the line before them (detached technical-note bodies).
    assert content.item_count - 11 + content.note_count + 23 + 4 == len(lines)
    assert sum(len(entry.items) for entry in content.entries) == content.item_count


def test_entry_regimes(content: EditionContent) -> None:
    by_regime: dict[Regime | None, int] = {}
    for entry in content.entries:
        by_regime[entry.regime] = by_regime.get(entry.regime, 0) + 1
        assert entry.eu_code == entry.code
        assert entry.items[0].code == entry.code and entry.items[0].depth == 0
        assert entry.heading == entry.items[0].text
    # SOURCE.md: 177 third-digit-0 entries (15 of them Category 0, the NSG trigger list), 100 MTCR,
    # 79 NSG, 11 AG, 1 CWC, 16 EU-only.
    assert by_regime == {Regime.WA: 162, Regime.NSG: 79 + 15, Regime.MTCR: 100, Regime.AG: 11, Regime.CWC: 1, None: 16}
    assert content.entry("0A001").regime is Regime.NSG  # type: ignore[union-attr]
    assert content.entry("5A002").regime is Regime.WA  # type: ignore[union-attr]
    assert content.entry("3A501").regime is None  # type: ignore[union-attr]


def test_2b001_b_2(content: EditionContent) -> None:
    entry = content.entry("2B001")
    assert entry is not None
    item = entry.item("2B001.b.2")
    assert item is not None
    assert item.text == (
        "Five or more axes which can be coordinated simultaneously for "
        '"contouring control" having any of the following;'
    )
    assert (item.parent, item.depth) == ("2B001.b", 2)
    assert item.defined_terms == ["contouring control"]
    assert [child.code for child in entry.children("2B001.b.2")] == ["2B001.b.2.a", "2B001.b.2.b", "2B001.b.2.c"]
    assert len(entry.items) == 34  # 44 lines in the file, 10 of them notes
    see_also = [x for x in content.cross_references if x.from_code == "2B001" and x.kind is XRefKind.SEE_ALSO]
    assert [(x.to_code, x.text) for x in see_also] == [
        ("2B201", "SEE ALSO 2B201."),
        ("2B003", "For such machines see 2B003."),
        ("2B002", "For optical finishing machines, see 2B002."),
    ]


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("0A001.f", 'Zirconium metal tubes or zirconium alloy tubes (or assembles of tubes) specially designed or '
                    'prepared for use as fuel cladding in a "nuclear reactor", and in quantities exceeding 10 kg;'),
        ("1A004", "Protective and detection equipment and components not specially designed for military use, "
                  "as follows:"),
        ("1C350.4", "SEE MILITARY GOODS CONTROLS for Methyl phosphonyl difluoride (CAS 676-99-3);"),
        ("2B001.f", "Deep-hole-drilling machines and turning machines modified for deep-hole-drilling, having a "
                    "maximum depth-of-bore capability exceeding 5m."),
        ("3A001.b.2", '"Monolithic Microwave Integrated Circuits" ("MMIC") amplifiers that are any of the following:'),
        ("3B001.f.1.b", "Capable of producing a pattern with a 'Minimum Resolvable Feature size' (MRF) of 45 nm "
                        "or less;"),
        ("4A001.a.2", "Radiation hardened to exceed any of the following specifications:"),
        ("4A001.a.2.c", "Single Event Upset | 1× 10-8 Error/bit/day;"),
        ("3A201.a.1.c", "Capacitance greater than 0,5 μF; and"),
        ("3A201.c.2.b", "A 'peak power' greater than 50 MW."),
        ("5A002.a.4.a", "It supports a non-primary function of the item; and"),
        ("5D002", '"Software" as follows:'),
        ("6A008.l.1", "'Automatic target tracking' providing, at any antenna rotation, the predicted target position "
                      "beyond the time of the next antenna beam passage; or"),
        ("8A001.a", "Manned, tethered submersible vehicles designed to operate at depths exceeding 1000 m;"),
        ("9A004.h", '"Sub-orbital craft".'),
        ("9E003.a.2.e", "'Pressure gain combustion';"),
    ],
)
def test_item_texts(content: EditionContent, code: str, text: str) -> None:
    entry = content.entry(code.split(".")[0])
    assert entry is not None
    item = entry.item(code)
    assert item is not None
    assert item.text == text


def test_note_kinds_and_attachment(content: EditionContent) -> None:
    kinds: dict[NoteKind, int] = {}
    for entry in content.entries:
        for item in entry.items:
            for note in item.notes:
                kinds[note.kind] = kinds.get(note.kind, 0) + 1
    assert kinds == {NoteKind.TECHNICAL_NOTE: 270, NoteKind.DECONTROL: 211, NoteKind.NB: 155, NoteKind.NOTE: 136}
    grinding = content.entry("2B001").item("2B001.c")  # type: ignore[union-attr]
    assert grinding is not None
    [decontrol] = grinding.notes
    assert (decontrol.kind, decontrol.label) == (NoteKind.DECONTROL, "Note")
    assert decontrol.text.startswith("2B001.c. does not control grinding machine as follows:")
    heading = content.entry("2B001").items[0]  # type: ignore[union-attr]
    assert [(n.kind, n.label) for n in heading.notes] == [
        (NoteKind.NB, "N.B."), (NoteKind.DECONTROL, "Note 1"), (NoteKind.DECONTROL, "Note 2"),
        (NoteKind.NOTE, "Note 3"), (NoteKind.NOTE, "Note 4"), (NoteKind.NB, "N.B."),
    ]


def test_continuation_lines_extend_the_note_before(content: EditionContent) -> None:
    tracking = content.entry("6A008").item("6A008.l.1")  # type: ignore[union-attr]
    assert tracking is not None
    technical = tracking.notes[-1]
    assert (technical.kind, technical.label) == (NoteKind.TECHNICAL_NOTE, "Technical Note")
    assert technical.text.startswith("For the purposes of 6A008.l.1., 'automatic target tracking' is a processing")
    sonar = content.entry("7A008").items[0]  # type: ignore[union-attr]
    assert sonar.notes[-1].text.endswith("see 6A001.b. For other marine systems, see 8A002.")


def test_note_lists_coded_as_items_stay_in_the_note(content: EditionContent) -> None:
    nozzles = content.entry("9A106")
    assert nozzles is not None
    assert [item.code for item in nozzles.items] == ["9A106", *(f"9A106.{label}" for label in "abcde")]
    [technical] = nozzles.item("9A106.c").notes  # type: ignore[union-attr]
    assert technical.text == (
        "Examples of methods of achieving thrust vector control specified in 9A106.c. are: 1. Flexible nozzle; "
        "2. Fluid or secondary gas injection; 3. Movable engine or nozzle; 4. Deflection of exhaust gas stream "
        "(jet vanes or probes); or 5. Thrust tabs."
    )
    servo = content.entry("9A106").item("9A106.d").notes[0]  # type: ignore[union-attr]
    assert " a. Servo valves designed" in servo.text and servo.text.endswith("at the maximum operating mode.")
    token = content.entry("5A002")
    assert token is not None and token.children("5A002.b") == []
    assert content.entry("9A004").item("9A004.f.2.1") is None  # type: ignore[union-attr]


def test_labelled_table_rows_and_inline_lists_become_sub_items(content: EditionContent) -> None:
    computers = content.entry("4A001")
    assert computers is not None
    rows = computers.children("4A001.a.2")
    assert [(row.code, row.depth) for row in rows] == [("4A001.a.2.a", 3), ("4A001.a.2.b", 3), ("4A001.a.2.c", 3)]
    assert rows[0].text == "Total Dose | 5× 103 Gy (silicon);"
    capacitors = content.entry("3A201")
    assert capacitors is not None
    assert capacitors.item("3A201.a.1").text == ""  # type: ignore[union-attr]
    assert [item.text for item in capacitors.children("3A201.a.1")] == [
        "Voltage rating greater than 1,4 kV;", "Energy storage greater than 10 J;",
        "Capacitance greater than 0,5 μF; and", "Series inductance less than 50 nH; or",
    ]


def test_1c010_e_subtree_keeps_the_file_codes_under_1c010_e(content: EditionContent) -> None:
    fibres = content.entry("1C010")
    assert fibres is not None
    # The file codes the sub-tree of 1C010.e without its "e"; the codes stay, the tree is 1C010.e's.
    assert [child.code for child in fibres.children("1C010.e")] == ["1C010.1"]
    assert (fibres.item("1C010.1").parent, fibres.item("1C010.1").depth) == ("1C010.e", 2)  # type: ignore[union-attr]
    assert fibres.item("1C010.1.b.2").depth == 4  # type: ignore[union-attr]
    assert [child.code for child in fibres.children("1C010")] == [f"1C010.{label}" for label in "abcde"]
    chemicals = content.entry("1C350")
    assert chemicals is not None and chemicals.item("1C350.4").parent == "1C350"  # type: ignore[union-attr]


def test_cross_reference_kinds(content: EditionContent) -> None:
    kinds: dict[XRefKind, int] = {}
    for reference in content.cross_references:
        kinds[reference.kind] = kinds.get(reference.kind, 0) + 1
        assert reference.to_list == ""
    assert kinds == {XRefKind.REFERENCE: 647, XRefKind.SEE_ALSO: 178, XRefKind.OTHER_THAN: 148}
    found = {(x.from_code, x.to_code, x.kind) for x in content.cross_references}
    assert ("1C350", "1C450", XRefKind.SEE_ALSO) in found
    assert ("3A101", "3A001", XRefKind.OTHER_THAN) in found
    assert ("1D001", "1B001", XRefKind.REFERENCE) in found
    assert ("0A001.f", "0A001.e", XRefKind.SEE_ALSO) in found
    assert not any(x.from_code == x.to_code for x in content.cross_references)


def test_definitions(content: EditionContent) -> None:
    assert len(content.definitions) == 181  # 175 quoted heads + 6 acronyms given in brackets ("UAV", "MMIC"...)
    by_term = {definition.term: definition for definition in content.definitions}
    numerical = by_term["numerical control"]
    assert numerical.text == (
        "means the automatic control of a process performed by a device that makes use of numeric data usually "
        "introduced as the operation is in progress (Reference: ISO 2382:2015)."
    )
    assert numerical.scope == "Cat 2"
    assert by_term["use"].scope == "GTN, NTN, All"
    assert by_term["UAV"].text == by_term["Unmanned Aerial Vehicle"].text
    assert {"bias (gyro)", "bias (accelerometer)"} <= set(by_term)
    assert by_term["user-accessible programmability"].text.endswith(
        "\nb The setting of function controls including entry of parameters."
    )


def test_defined_terms_resolve_to_definitions(content: EditionContent) -> None:
    terms = {definition.term.split(" (")[0] for definition in content.definitions}
    used = {term for entry in content.entries for item in entry.items for term in item.defined_terms}
    # "cryptographic activation" is quoted only in the list of 5A002.b's Technical Note, not in an item.
    assert len(used) == 148
    # Quoted in the items but not defined terms: a source typo, an alias defined only through "CEP", phrases.
    assert used - terms == {
        "(CW) lasers", "Circular Error Probable", "Numerically controlled", "numerical controlled",
        "sub-units of toxins",
    }
    assert sum(len(item.defined_terms) for entry in content.entries for item in entry.items) == 1309
    digital = content.entry("4A003").items[0]  # type: ignore[union-attr]
    assert "digital computer" in digital.defined_terms


def test_documents(content: EditionContent) -> None:
    kinds = [document.kind for document in content.documents]
    assert len(content.documents) == 36 + 8 + 1
    assert kinds.count("union_general_export_authorisation") == 8
    assert {"general_notes", "general_technology_note", "acronyms", "definitions_annex"} <= set(kinds)


def _write_source(tmp_path: Path, data: bytes) -> SourceContext:
    (tmp_path / "eu_annex_i").mkdir()
    (tmp_path / FILE).write_bytes(data)
    return SourceContext(tmp_path, verify_hashes=False)


def _error(tmp_path: Path, data: bytes) -> SourceError:
    context = _write_source(tmp_path, data)
    with pytest.raises(SourceError) as caught:
        eu_annex_i.crawl(context)
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith(FILE)
    return caught.value


def test_wrong_hash_is_refused(tmp_path: Path, raw: dict[str, Any]) -> None:
    context = _write_source(tmp_path, json.dumps(raw).encode())
    context.verify_hashes = True
    with pytest.raises(SourceError, match="does not match the pinned"):
        eu_annex_i.crawl(context)


def test_truncated_file(tmp_path: Path, sources_dir: Path) -> None:
    data = (sources_dir / FILE).read_bytes()
    error = _error(tmp_path, data[: len(data) // 2])
    assert error.place.startswith("line ") and "malformed JSON" in error.message


def test_malformed_json(tmp_path: Path) -> None:
    error = _error(tmp_path, b'{"corpus_version": "02021R0821-20251115",\n "entries": [1, 2,]}')
    assert error.place == "line 2 column 19"


def test_missing_key_names_the_entry(tmp_path: Path, raw: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(raw))
    del broken["entries"][12]["verbatim_text"]
    error = _error(tmp_path, json.dumps(broken).encode())
    assert (error.place, error.message) == ("entries[12]", "missing key 'verbatim_text'")


def test_heading_line_must_open_the_entry(tmp_path: Path, raw: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(raw))
    broken["entries"][12]["verbatim_text"] = "garbage\n" + broken["entries"][12]["verbatim_text"]
    error = _error(tmp_path, json.dumps(broken).encode())
    assert error.place == "entries[12].verbatim_text line 1"


def test_unplaceable_lines_and_unknown_fields_are_warned(tmp_path: Path, raw: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(raw))
    entry = broken["entries"][0]
    entry["verbatim_text"] += "\n9Z999.a Stray line\nno-code-here"
    entry["colour"] = "blue"
    broken["extra"] = 1
    context = _write_source(tmp_path, json.dumps(broken).encode())
    [content] = eu_annex_i.crawl(context)
    assert len(content.entries) == 384
    lines = len(entry["verbatim_text"].split("\n"))
    assert [(w.place, w.message.split(":")[0]) for w in context.warnings] == [
        ("extra", "unknown field ignored"),
        ("entries[0].colour", "unknown field ignored"),
        (f"entries[0].verbatim_text line {lines - 1}", "item code 9Z999.a does not belong to 0A001; line skipped"),
        (f"entries[0].verbatim_text line {lines}", "line without an item code and text, skipped"),
    ]


def test_build_and_storage_round_trip(engine: sa.Engine, sources_dir: Path) -> None:
    report = build(engine, sources_dir, only=["eu-annex-i"])
    [built] = report.editions
    loaded = load_edition(engine, "eu-annex-i")
    assert loaded.edition == built.edition
    assert loaded.control_list == built.control_list
    assert loaded.entries == built.entries
    assert loaded.item_count == 3434 and loaded.note_count == 772
    assert loaded.definitions == built.definitions
    assert loaded.cross_references == built.cross_references
    assert loaded.documents == built.documents
