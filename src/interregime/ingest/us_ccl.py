"""The US Commerce Control List (15 CFR 774 Supp. 1). Structure, headings, reasons for control and
Related Controls come from the newest structured eCFR extract (seelpeed, eCFR 2026-07-23), with
its item paragraphs where it has them (categories 1, 3, 4, 5); the other items, the Related
Definitions and the ECCNs that extract misses come from the full markdown text of a 2025 eCFR
(waynehacking8), which also cross-checks the items both have. The eCFR heading list tells which of
the ECCNs missing from the extract still exist."""

from __future__ import annotations

import re

from interregime.domain.corpus import (
    ControlList,
    Document,
    Edition,
    EditionContent,
    Entry,
    Item,
    ListKind,
    Note,
    NoteKind,
)
from interregime.ingest.context import OfficialFile, SourceContext
from interregime.ingest.us_ccl_definitions import related_definitions
from interregime.ingest.us_ccl_items import comparable, structured_items
from interregime.ingest.us_ccl_json import (
    FullTextEntry,
    StructureEntry,
    load_json,
    read_full_text,
    read_headings,
    read_structure,
)
from interregime.ingest.us_ccl_origin import eu_code_of, parse_reasons, regime_of_eccn
from interregime.ingest.us_ccl_references import defined_terms, item_references, related_controls
from interregime.ingest.us_ccl_text import EccnText, clean, parse_details

STRUCTURE_FILE = "us_ccl/seelpeed_ccl.json"
FULL_TEXT_FILE = "us_ccl/waynehacking8_ccl_parsed_full_2025-07.json"
HEADINGS_FILE = "us_ccl/ecfr_supp1_headings_2026sanbo.json"
FILES: dict[str, str] = {
    STRUCTURE_FILE: "27f7e1fd44cbb548b94784204d1d6505a7710076231946530aec63e5dfbd49a4",
    FULL_TEXT_FILE: "266c6b9d3e5d877b24f1e672430ded1554e6ae01ed1f9220e7ee9bd632daaaa3",
    HEADINGS_FILE: "e3df05c369a9431a5b9755f75e1528a9b65cc67254f50d5992f5c182560f29f9",
}
ECFR_URL = (
    "https://www.ecfr.gov/on/{date}/title-15/subtitle-B/chapter-VII/subchapter-C/part-774/"
    "appendix-Supplement%20No.%201%20to%20Part%20774"
)
OFFICIAL: list[OfficialFile] = [
    OfficialFile(
        STRUCTURE_FILE,
        "https://raw.githubusercontent.com/seelpeed-debug/export-controls-agent-mcp/"
        "1c2896ba2f92339be6a48866304fa9f7d1eb5d22/src/data/ccl.json",
        FILES[STRUCTURE_FILE],
    ),
    OfficialFile(
        FULL_TEXT_FILE,
        "https://raw.githubusercontent.com/waynehacking8/eccn-agent/0bd163a857413d23a15918d42d9812adae9b4a35/"
        "src/lambdas/ccl_ingestion/ccl_parsed_checked.json",
        FILES[FULL_TEXT_FILE],
    ),
    OfficialFile(
        HEADINGS_FILE,
        "https://raw.githubusercontent.com/jaepaly/2026sanbo/4bf9734f6d5399299ca910f80f4ca717a10932fa/"
        "data/corpus/ecfr_supp1.json",
        FILES[HEADINGS_FILE],
    ),
]
LIST = ControlList(
    id="us-ccl",
    title="US Commerce Control List (15 CFR 774 Supp. 1)",
    kind=ListKind.NATIONAL,
    authority="US",
)
_NOT_APPLICABLE = re.compile(r"^\s*(?:N/A|None|Reserved)\.?\s*$", re.IGNORECASE)


def crawl(context: SourceContext) -> list[EditionContent]:
    structure = read_structure(STRUCTURE_FILE, load_json(context, STRUCTURE_FILE, FILES[STRUCTURE_FILE]))
    full = read_full_text(FULL_TEXT_FILE, load_json(context, FULL_TEXT_FILE, FILES[FULL_TEXT_FILE]))
    headings = read_headings(HEADINGS_FILE, load_json(context, HEADINGS_FILE, FILES[HEADINGS_FILE]))
    for name, count in sorted((structure.leftovers + full.leftovers).items()):
        context.warn(STRUCTURE_FILE if name.startswith(("entries", "country")) else FULL_TEXT_FILE, name,
                     f"unknown field {name!r} left unread in {count} records")
    entries = [_entry(context, record, full.entries.get(record.code)) for record in structure.entries]
    known = {record.code for record in structure.entries}
    added = [code for code in sorted(full.entries) if code not in known and code in headings]
    dropped = [code for code in sorted(full.entries) if code not in known and code not in headings]
    entries += [_full_text_only(context, full.entries[code], headings[code]) for code in added]
    entries.sort(key=lambda entry: entry.code)
    if added:
        context.warn(STRUCTURE_FILE, "entries", f"{len(added)} ECCNs of the eCFR heading list missing here, "
                     f"taken from the 2025 full text: {', '.join(added)}")
    if dropped:
        context.warn(FULL_TEXT_FILE, "", f"ECCNs no longer in the eCFR heading list, left out: {', '.join(dropped)}")
    missing = sorted(set(headings) - known - set(added))
    if missing:
        context.warn(HEADINGS_FILE, "", f"ECCNs with a heading only, no text in either source: {', '.join(missing)}")
        entries += [_heading_only(code, headings[code]) for code in missing]
        entries.sort(key=lambda entry: entry.code)
    content = EditionContent(
        LIST,
        Edition(
            list_id=LIST.id,
            date=structure.date,
            title=f"{LIST.title}, eCFR {structure.date.isoformat()}",
            source_file=STRUCTURE_FILE,
            sha256=context.files_read[STRUCTURE_FILE],
            source_url=ECFR_URL.format(date=structure.date.isoformat()),
        ),
        entries,
        documents=[Document("technical note", doc.description, clean(doc.details)) for doc in full.documents],
    )
    for entry in entries:
        heading_note = entry.items[0].notes
        related = [note.text for note in heading_note if note.kind is NoteKind.RELATED]
        for text in related:
            content.cross_references.extend(related_controls(entry.code, text))
        content.cross_references.extend(item_references(entry))
        content.definitions.extend(related_definitions(entry))
    return [content]


def _entry(context: SourceContext, record: StructureEntry, full: FullTextEntry | None) -> Entry:
    heading = Item(record.code, record.heading, None, 0)
    text = parse_details(record.code, Item(record.code, record.heading), full.details) if full else EccnText()
    reasons_text, related_text, definitions = record.reasons, record.related_controls, text.related_definitions
    if record.items:
        reference = {item.code: item.text for item in text.items[1:]}
        structured = structured_items(STRUCTURE_FILE, f"{record.place}.items", record.code, heading, record.items,
                                      reference)
        items = structured.items
        reasons_text = reasons_text or structured.reasons
        related_text = related_text or structured.related_controls
        definitions = structured.related_definitions or definitions
        if full and len(text.items) > 1:
            _cross_check(context, record, items, text.items)
    elif len(text.items) > 1:
        items = [heading, *text.items[1:]]
        heading.notes = text.items[0].notes
    else:
        items = [heading]
    reasons_text = reasons_text or text.reasons or " ".join(control.split(" ")[0] for control, _ in
                                                            record.country_chart)
    reasons, unknown = parse_reasons(reasons_text)
    if unknown:
        context.warn(STRUCTURE_FILE, record.place, f"unknown reasons for control {', '.join(unknown)}")
    heading.notes[:0] = _heading_notes(record, related_text or text.related_controls, definitions)
    return _finish(Entry(
        code=record.code,
        heading=record.heading,
        category=record.code[0],
        regime=regime_of_eccn(record.code, reasons),
        eu_code=eu_code_of(record.code),
        items=items,
        reasons=reasons,
        flags=[name for name, value in record.licence_exceptions.items()
               if name != "STA" and not _NOT_APPLICABLE.match(value)],
    ))


def _full_text_only(context: SourceContext, full: FullTextEntry, heading_text: str) -> Entry:
    heading = Item(full.code, heading_text.strip(), None, 0)
    text = parse_details(full.code, heading, full.details)
    reasons, unknown = parse_reasons(text.reasons)
    if unknown:
        context.warn(FULL_TEXT_FILE, full.place, f"unknown reasons for control {', '.join(unknown)}")
    notes = [Note(kind, body) for kind, body in ((NoteKind.RELATED, text.related_controls),
                                                 (NoteKind.DEFINITION, text.related_definitions))
             if body and not _NOT_APPLICABLE.match(body)]
    heading.notes[:0] = notes
    return _finish(Entry(full.code, heading.text, full.code[0], regime_of_eccn(full.code, reasons),
                         eu_code_of(full.code), text.items, reasons=reasons))


def _heading_only(code: str, heading_text: str) -> Entry:
    return _finish(Entry(code, heading_text.strip(), code[0], None, eu_code_of(code),
                         [Item(code, heading_text.strip(), None, 0)]))


def _heading_notes(record: StructureEntry, related: str, definitions: str) -> list[Note]:
    notes: list[Note] = []
    if record.country_chart:
        rows = "\n".join(f"{control}: {chart}" for control, chart in record.country_chart)
        notes.append(Note(NoteKind.LICENCE, f"Reason for Control: {record.reasons}\n{rows}".strip(),
                          "License Requirements"))
    exceptions = "\n".join(f"{name}: {value}" for name, value in record.licence_exceptions.items())
    if record.sta and record.sta not in exceptions:
        exceptions = f"{exceptions}\n{record.sta}".strip()
    if exceptions:
        notes.append(Note(NoteKind.LICENCE, exceptions, "License Exceptions"))
    if related and not _NOT_APPLICABLE.match(related):
        notes.append(Note(NoteKind.RELATED, related.strip(), "Related Controls"))
    if definitions and not _NOT_APPLICABLE.match(definitions):
        notes.append(Note(NoteKind.DEFINITION, definitions.strip(), "Related Definitions"))
    return notes


def _finish(entry: Entry) -> Entry:
    for item in entry.items:
        item.defined_terms = defined_terms(item.text)
    return entry


def _cross_check(context: SourceContext, record: StructureEntry, items: list[Item], other: list[Item]) -> None:
    """One warning per entry whose items differ between the 2026 extract and the 2025 full text."""
    mine = {item.code: item.text for item in items[1:]}
    theirs = {item.code: item.text for item in other[1:]}
    only_here = [code for code in mine if code not in theirs]
    only_there = [code for code in theirs if code not in mine]
    if only_here or only_there:
        context.warn(STRUCTURE_FILE, f"{record.place}.items", (
            f"{len(mine)} items here, {len(theirs)} in the 2025 full text; only here: "
            f"{', '.join(only_here[:4]) or '-'}; only there: {', '.join(only_there[:4]) or '-'}"))
        return
    differing = [code for code in mine if comparable(mine[code]) != comparable(theirs[code])]
    if differing:
        context.warn(STRUCTURE_FILE, f"{record.place}.items", (
            f"{len(differing)} of {len(mine)} item texts differ from the 2025 full text, first {differing[0]}"))
