"""The US Commerce Control List parser, on the real files and on corrupted copies."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from interregime.domain.corpus import EditionContent, NoteKind, XRefKind
from interregime.domain.regimes import Regime
from interregime.ingest import us_ccl
from interregime.ingest.build import build
from interregime.ingest.context import SourceContext, SourceError
from interregime.ingest.us_ccl_references import pointer_targets
from interregime.storage import corpus_store

STRUCTURE = "us_ccl/seelpeed_ccl.json"
FULL_TEXT = "us_ccl/waynehacking8_ccl_parsed_full_2025-07.json"
HEADINGS = "us_ccl/ecfr_supp1_headings_2026sanbo.json"


@pytest.fixture(scope="session")
def parsed(sources_dir: Path) -> tuple[EditionContent, SourceContext]:
    context = SourceContext(sources_dir)
    [content] = us_ccl.crawl(context)
    return content, context


@pytest.fixture(scope="session")
def ccl(parsed: tuple[EditionContent, SourceContext]) -> EditionContent:
    return parsed[0]


@pytest.fixture(scope="session")
def raw(sources_dir: Path) -> dict[str, dict[str, object]]:
    structure = json.loads((sources_dir / STRUCTURE).read_text())
    full = json.loads((sources_dir / FULL_TEXT).read_text())
    return {
        "structure": {entry["eccn"]: entry for entry in structure["entries"]},
        "full": {e["code"]: e for c in full for g in c["product_groups"] for e in g["eccn"]},
        "headings": {
            row["code"].removeprefix("ECCN-"): row for row in json.loads((sources_dir / HEADINGS).read_text())
        },
    }


def test_edition(ccl: EditionContent) -> None:
    assert ccl.control_list.id == "us-ccl"
    assert ccl.control_list.title == "US Commerce Control List (15 CFR 774 Supp. 1)"
    assert ccl.edition.date.isoformat() == "2026-07-23"
    assert ccl.edition.sha256 == us_ccl.FILES[STRUCTURE]
    assert ccl.edition.source_url.startswith("https://www.ecfr.gov/on/2026-07-23/title-15/")


def test_every_eccn_of_both_2026_lists(ccl: EditionContent, raw: dict[str, dict[str, object]]) -> None:
    expected = set(raw["structure"]) | set(raw["headings"])
    assert {entry.code for entry in ccl.entries} == expected
    assert len(ccl.entries) == 638


def test_exact_totals(ccl: EditionContent) -> None:
    assert ccl.item_count == 4983
    assert ccl.note_count == 2583


@pytest.mark.parametrize(
    ("code", "source", "prefix"),
    [
        ("3A090.a", "structure", "Integrated circuits having one or more digital processing units"),
        ("3A090.c", "structure", "High bandwidth memory (HBM) having a 'memory bandwidth density'"),
        ("3A001.a.1.a", "structure", "A total dose of 5 × 10 3 Gy (Si), or higher;"),
        ("1C002.b", "structure", "Metal alloys, as follows, made from the powder or particulate"),
        ("4A906.a", "structure", "Quantum computers, as follows:"),
        ("5A002.a", "structure", "Designed or modified to use 'cryptography for data confidentiality'"),
        ("2B001.a.1", "full", '"Unidirectional positioning repeatability" equal to or less (better) than 0.9 µm'),
        ("9A012.a.1.a", "full", "A maximum 'endurance' greater than or equal to 30 minutes but less than 1 hour; and"),
        ("9A012.b.4", "full", "Air breathing reciprocating or rotary internal combustion type engines"),
        ("0A501.b", "full", "Non-automatic and non-semi-automatic rifles, carbines, revolvers or pistols"),
        ("1C350.d.2", "full", "(C.A.S. #107-07-3) 2-Chloroethanol;"),
        ("2B352.a", "full", "Containment facilities and related equipment, as follows:"),
    ],
)
def test_item_texts_as_in_the_files(
    ccl: EditionContent, raw: dict[str, dict[str, object]], code: str, source: str, prefix: str
) -> None:
    entry_code, _, label = code.partition(".")
    entry = ccl.entry(entry_code)
    assert entry is not None
    item = entry.item(code)
    assert item is not None and item.text.startswith(prefix)
    assert item.depth == label.count(".") + 1
    assert item.parent == code.rpartition(".")[0]
    record = raw[source][entry_code]
    if source == "structure":
        assert any(row["paragraph"] == label and row["text"] == item.text for row in record["items"])
    else:
        assert f"\n{label}. " in record["details"] and prefix in record["details"].replace("*", "")


def test_headings(ccl: EditionContent, raw: dict[str, dict[str, object]]) -> None:
    for code in ("2B001", "3A090", "9A012", "0A919"):
        entry = ccl.entry(code)
        assert entry is not None
        assert entry.heading == raw["structure"][code]["heading"] == entry.items[0].text
        assert entry.items[0].depth == 0 and entry.items[0].code == code
    assert ccl.entry("2B001").heading.startswith("Machine tools and any combination thereof")


@pytest.mark.parametrize(
    ("code", "reasons", "regime", "eu_code"),
    [
        ("3A090", ["RS", "AT"], None, ""),
        ("2B001", ["NS", "NP", "AT"], Regime.WA, "2B001"),
        ("3A001", ["NS", "RS", "MT", "NP", "AT"], Regime.WA, "3A001"),
        ("9A012", ["NS", "MT", "AT"], Regime.WA, "9A012"),
        ("1C350", ["CB", "CW", "AT"], Regime.AG, "1C350"),
        ("0A501", ["NS", "RS", "FC", "UN", "AT"], Regime.WA, ""),
        ("9A515", ["NS", "RS", "MT", "AT"], Regime.WA, ""),
        ("4A906", ["NS", "RS", "AT"], None, ""),
        ("0A919", ["RS", "AT"], None, ""),
        ("3C005", ["NS", "AT"], Regime.WA, "3C005"),
    ],
)
def test_reasons_regime_and_eu_code(
    ccl: EditionContent, code: str, reasons: list[str], regime: Regime | None, eu_code: str
) -> None:
    entry = ccl.entry(code)
    assert entry is not None
    assert (entry.reasons, entry.regime, entry.eu_code) == (reasons, regime, eu_code)


def test_regime_from_reason_and_number(ccl: EditionContent) -> None:
    for code, regime in (("0A502", Regime.WA), ("0A504", None), ("1C011", Regime.WA), ("2B352", Regime.AG),
                         ("9A101", Regime.MTCR), ("1C351", Regime.AG), ("2B201", Regime.NSG), ("3A991", None)):
        entry = ccl.entry(code)
        assert entry is not None and entry.regime == regime, code


def test_related_controls_of_2b001(ccl: EditionContent) -> None:
    related = [x for x in ccl.cross_references if x.from_code == "2B001" and x.kind is XRefKind.RELATED_CONTROL]
    assert [x.to_code for x in related] == ["2B002", "2D001", "2D002", "2E001", "2E002", "2E201", "2B201", "2B991"]
    assert related[-1].text == "Also see ECCNs 2B201 and 2B991."
    notes = [n for n in ccl.entry("2B001").items[0].notes if n.kind is NoteKind.RELATED]
    assert len(notes) == 1 and notes[0].text.startswith("(1) See ECCN 2B002 for optical finishing machines.")


def test_usml_references(ccl: EditionContent) -> None:
    usml = {(x.from_code, x.to_code) for x in ccl.cross_references if x.to_list == "usml"}
    assert {("3A001", "XV"), ("3A001", "XI"), ("0A501", "I")} <= usml


def test_item_references(ccl: EditionContent) -> None:
    references = {(x.from_code, x.to_code) for x in ccl.cross_references if x.kind is XRefKind.REFERENCE}
    assert ("0A501.c", "0A509") in references
    assert not any(to.startswith("0A501") for frm, to in references if frm.startswith("0A501"))


def test_notes_attached(ccl: EditionContent) -> None:
    heading = ccl.entry("2B001").items[0]
    labels = [(n.kind, n.label) for n in heading.notes if n.kind in (NoteKind.NOTE, NoteKind.DECONTROL)]
    assert labels == [(NoteKind.DECONTROL, "Note 1"), (NoteKind.DECONTROL, "Note 2"),
                      (NoteKind.NOTE, "Note 3"), (NoteKind.NOTE, "Note 4")]
    assert "a. Crank shafts or cam shafts;" in heading.notes[4].text
    technical = ccl.entry("0A501").item("0A501.c").notes
    assert [(n.kind, n.label) for n in technical] == [(NoteKind.TECHNICAL_NOTE, "Technical Note to 0A501.c")]
    decontrol = ccl.entry("3A001").item("3A001.a.1.c").notes
    assert decontrol[0].kind is NoteKind.DECONTROL
    assert decontrol[0].text == "3A001.a.1.c does not apply to Metal Insulator Semiconductors (MIS)."


def test_item_counts_against_the_raw_text(ccl: EditionContent, raw: dict[str, dict[str, object]]) -> None:
    """Entries from the full text: one item per non-italic labelled line of the Items section."""
    label = re.compile(r"^[a-z](?:\.(?:\d{1,2}|[a-z]))*\.?\s", re.MULTILINE)
    for code in ("2B001", "9A012", "0A919", "1C350", "6A003"):
        details = raw["full"][code]["details"]
        section = details[details.index("*Items:*"):]
        assert len(ccl.entry(code).items) - 1 == len(label.findall(section)), code


def test_structure_items_against_the_raw_rows(ccl: EditionContent, raw: dict[str, dict[str, object]]) -> None:
    """Entries from the structure file: its item rows, and text rows that begin with a label (1C002.b.4)."""
    labelled_text = re.compile(r"^([a-z](?:\.[0-9a-z]{1,2})+) ")
    for code in ("1C002", "3A002", "4A001"):
        rows = [row["paragraph"] if row["kind"] == "item" else labelled_text.match(row["text"])[1]
                for row in raw["structure"][code]["items"]
                if row["kind"] == "item" or labelled_text.match(row["text"])]
        assert [item.code for item in ccl.entry(code).items[1:]] == [f"{code}.{p}" for p in rows], code


def test_defined_terms(ccl: EditionContent) -> None:
    item = ccl.entry("0A501").item("0A501.c")
    assert item.defined_terms == ["parts", "components", "specially designed"]
    assert "Unidirectional positioning repeatability" in ccl.entry("2B001").item("2B001.a.1").defined_terms


def test_warnings_are_few_and_placed(parsed: tuple[EditionContent, SourceContext]) -> None:
    warnings = parsed[1].warnings
    assert 0 < len(warnings) <= 40
    assert any("2B352" in w.message and "taken from the 2025 full text" in w.message for w in warnings)
    assert any(w.place == "countryChart.singleCellRow" for w in warnings)
    assert len({(w.file, w.place) for w in warnings}) == len(warnings)


def _copy_sources(sources_dir: Path, target: Path) -> Path:
    (target / "us_ccl").mkdir(parents=True)
    for relative in us_ccl.FILES:
        shutil.copyfile(sources_dir / relative, target / relative)
        (target / relative).chmod(0o644)
    return target


@pytest.mark.parametrize(
    ("damage", "place"),
    [
        (lambda text: text[: len(text) // 2], "line 1 column"),
        (lambda text: text.replace('"entries":[', '"entries":[}', 1), "line 1 column"),
        (lambda text: text.replace('"heading":', '"headline":', 1), "entries[0](0A002).heading"),
        (lambda text: text.replace('"ecfrIssueDate":"2026-07-23"', '"ecfrIssueDate":"July"'), "ecfrIssueDate"),
    ],
)
def test_bad_structure_file(sources_dir: Path, tmp_path: Path, damage, place: str) -> None:  # type: ignore[no-untyped-def]
    copy = _copy_sources(sources_dir, tmp_path)
    path = copy / STRUCTURE
    path.write_text(damage(path.read_text()))
    with pytest.raises(SourceError) as error:
        us_ccl.crawl(SourceContext(copy, verify_hashes=False))
    assert error.value.file == STRUCTURE
    assert error.value.place.startswith(place)
    assert "\n" not in str(error.value)


def test_wrong_hash(sources_dir: Path, tmp_path: Path) -> None:
    copy = _copy_sources(sources_dir, tmp_path)
    (copy / FULL_TEXT).write_bytes((copy / FULL_TEXT).read_bytes() + b" ")
    with pytest.raises(SourceError, match=r"waynehacking8.*sha256 .* does not match"):
        us_ccl.crawl(SourceContext(copy))


def test_truncated_full_text(sources_dir: Path, tmp_path: Path) -> None:
    copy = _copy_sources(sources_dir, tmp_path)
    data = (copy / FULL_TEXT).read_bytes()
    (copy / FULL_TEXT).write_bytes(data[:100_000])
    with pytest.raises(SourceError, match=r"malformed JSON") as error:
        us_ccl.crawl(SourceContext(copy, verify_hashes=False))
    assert error.value.file == FULL_TEXT


def test_build_and_load_round_trip(engine: sa.Engine, sources_dir: Path, ccl: EditionContent) -> None:
    build(engine, sources_dir, only=["us-ccl"])
    loaded = corpus_store.load_edition(engine, "us-ccl")
    assert loaded.edition.date == ccl.edition.date
    assert len(loaded.entries) == len(ccl.entries)
    assert loaded.item_count == ccl.item_count and loaded.note_count == ccl.note_count
    assert len(loaded.cross_references) == len(ccl.cross_references)
    original, stored = ccl.entry("3A001"), loaded.entry("3A001")
    assert stored is not None and original is not None
    assert stored.items == original.items
    assert (stored.regime, stored.reasons, stored.eu_code, stored.flags) == (
        original.regime, original.reasons, original.eu_code, original.flags)


def test_related_definitions_become_definitions_scoped_to_their_eccn(ccl: EditionContent) -> None:
    by_term = {(d.scope, d.term): d.text for d in ccl.definitions}
    assert by_term[("ECCN 1A004", "Biological agents")].startswith("'Biological agents' means: pathogens or toxins")
    assert ("ECCN 1A004", "Riot control agents") in by_term
    assert by_term[("ECCN 1C010", "Specific modulus")].startswith('"Specific modulus": Young\'s modulus in pascals')
    paragraphs = sum(1 for e in ccl.entries for n in e.items[0].notes if n.kind.value == "related definitions")
    assert 0 < len({d.scope for d in ccl.definitions}) <= paragraphs


@pytest.mark.parametrize(
    ("sentence", "targets", "qualifiers"),
    [
        ("For “specially designed” “production equipment” of systems controlled by 9A005 to 9A009, 9A101, and "
         "9A116 to 9A120 usable in “missiles,” see 9B115.", ["9B115"],
         ["9A005", "9A009", "9A101", "9A116", "9A120"]),
        ("“Production facilities” for the “production” of commodities described in ECCN 9A012 or 9A101 are "
         "controlled by ECCN 9B116.", ["9B116"], ["9A012", "9A101"]),
        ("“Software” for items controlled by 1A102 are “subject to the ITAR” (see 22 CFR parts 120 through 130).",
         [], ["1A102"]),
        ("See ECCNs 3E001 and 1E001 (“development” and “production”) and 3E201 and 1E201 (“use”) for technology "
         "for items controlled under this entry.", ["3E001", "1E001", "3E201", "1E201"], []),
        ("See also explosives and other items enumerated in ECCNs 1A006, 1A007, and 1C992.",
         ["1A006", "1A007", "1C992"], []),
        ("See also ECCNs 3D001 as it applies to “software” for commodities controlled by 3A001.z and 3A090, and "
         "4D001 as it applies to “software” for commodities controlled by 4A003.z.", ["3D001", "4D001"],
         ["3A001.z", "3A090", "4A003.z"]),
        ("Protection and detection equipment identified in ECCN 1A004, 1A995, or 2B351 are not controlled by "
         "this ECCN.", ["1A004", "1A995", "2B351"], []),
    ],
)
def test_pointer_targets(sentence: str, targets: list[str], qualifiers: list[str]) -> None:
    assert pointer_targets(sentence) == (targets, qualifiers)


def test_related_controls_keep_qualifying_codes_as_references(ccl: EditionContent) -> None:
    """1B003 points to 9B115; the missile goods that 9B115's equipment is for are plain references."""
    kinds = {x.to_code: x.kind for x in ccl.cross_references if x.from_code == "1B003"}
    assert kinds["9B115"] is XRefKind.RELATED_CONTROL
    assert kinds["9A101"] is XRefKind.REFERENCE and kinds["9A120"] is XRefKind.REFERENCE
