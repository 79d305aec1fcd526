"""The EU dual-use list: Annex I to Regulation (EU) 2021/821, consolidated text 02021R0821-20251115,
as the JSON of Export Controls Watch (parsed from the EUR-Lex Formex XML)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from interregime.domain.codes import entry_code
from interregime.domain.corpus import ControlList, Edition, EditionContent, Entry, ListKind
from interregime.ingest.context import OfficialFile, SourceContext, SourceError, sha256_of
from interregime.ingest.control_text import TermIndex
from interregime.ingest.eu_annex_i_documents import parse_documents
from interregime.ingest.eu_annex_i_entries import EntryAudit, cross_references, parse_entry
from interregime.ingest.json_fields import decode, take, take_object, warn_leftovers

LIST = ControlList(
    id="eu-annex-i",
    title="EU dual-use list (Annex I to Regulation (EU) 2021/821)",
    kind=ListKind.SUPRANATIONAL,
    authority="EU",
)

FILE = "eu_annex_i/eu_2021_821_annex_i_consolidated_20251115.json"
FILES: dict[str, str] = {FILE: "f4ce02aed08a1b405b0e0fd38490192986291ca0c9ef05c544ca800f810829b9"}
CONSOLIDATED_VERSION = "02021R0821-20251115"
SOURCE_URL = f"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{CONSOLIDATED_VERSION}"
# The parsed JSON is made from the Formex XML of the consolidated act (SOURCE_URL, the authentic text) by the
# Export Controls Watch project; it is fetched from its pinned commit so that the pinned sha256 holds.
PUBLISHED_JSON = (
    "https://raw.githubusercontent.com/rikiosso/exports-watch/0fb5427ea885af2f284f7ad6b025376ac4ffdc11/data/annex.json"
)
OFFICIAL = [OfficialFile(FILE, PUBLISHED_JSON, FILES[FILE])]

# Fields of the file that only describe the file itself (its own checksum, when it was fetched, the
# licence notice) or repeat what the entries hold (``index``, checked against them).
_DESCRIPTIVE_FIELDS = ("celex", "retrieved_at", "sha256", "source_url", "attribution")


def crawl(context: SourceContext) -> list[EditionContent]:
    data = context.read(FILE, FILES[FILE])
    return [parse(context, FILE, data)]


def parse(context: SourceContext, file: str, data: bytes) -> EditionContent:
    document = decode(file, data)
    version = take(file, document, "corpus_version", str, "top level")
    if version != CONSOLIDATED_VERSION:
        context.warn(file, "corpus_version", f"expected {CONSOLIDATED_VERSION}, found {version}")
    valid_from = _date(file, take(file, document, "valid_from", str, "top level"))
    entry_count = take(file, document, "entry_count", int, "top level")
    index = take(file, document, "index", list, "top level")
    raw_entries = take(file, document, "entries", list, "top level")
    docs = take(file, document, "docs", list, "top level")
    geas = take(file, document, "geas", list, "top level")
    gea_common_list = take(file, document, "gea_common_list", str, "top level")
    for key in _DESCRIPTIVE_FIELDS:
        take(file, document, key, str, "top level")
    warn_leftovers(context, file, document, "")
    if entry_count != len(raw_entries):
        raise SourceError(file, "entries", f"{len(raw_entries)} entries but entry_count says {entry_count}")

    documents, definitions = parse_documents(context, file, docs, geas, gea_common_list)
    terms = TermIndex([definition.term for definition in definitions])
    entries = []
    audits: list[EntryAudit] = []
    for position, raw in enumerate(raw_entries):
        entry, audit = parse_entry(context, file, raw, position, terms)
        entries.append(entry)
        audits.append(audit)
    _check_unique(file, [entry.code for entry in entries])
    _check_index(context, file, index, entries)
    _report_audits(context, file, audits)

    known = {entry.code for entry in entries}
    references = [reference for entry in entries for reference in cross_references(entry)]
    for target in sorted({entry_code(reference.to_code) for reference in references} - known):
        context.warn(file, "cross-references", f"reference to {target}, which is not an entry of this edition")
    edition = Edition(
        list_id=LIST.id,
        date=valid_from,
        title=f"{LIST.title}, consolidated version {version}",
        source_file=file,
        sha256=sha256_of(data),
        source_url=SOURCE_URL,
    )
    return EditionContent(LIST, edition, entries, definitions, references, documents)


def _date(file: str, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SourceError(file, "valid_from", f"not an ISO date: {value!r}") from None


def _check_unique(file: str, codes: list[str]) -> None:
    seen: set[str] = set()
    for position, code in enumerate(codes):
        if code in seen:
            raise SourceError(file, f"entries[{position}].entry_code", f"entry {code} appears twice")
        seen.add(code)


def _check_index(context: SourceContext, file: str, index: list[Any], entries: list[Entry]) -> None:
    """The ``index`` repeats each entry's code and first line; warn where it disagrees."""
    headings = {entry.code: f"{entry.code} {entry.heading}" for entry in entries}
    listed: set[str] = set()
    for position, raw in enumerate(index):
        place = f"index[{position}]"
        row = take_object(file, raw, place)
        code = take(file, row, "code", str, place)
        first_line = take(file, row, "first_line", str, place)
        warn_leftovers(context, file, row, place)
        listed.add(code)
        if code not in headings:
            context.warn(file, place, f"index lists {code}, which has no entry")
        elif not headings[code].startswith(first_line):
            context.warn(file, place, f"index first line of {code} differs from the entry heading")
    for code in sorted(set(headings) - listed):
        context.warn(file, "index", f"entry {code} is missing from the index")


def _report_audits(context: SourceContext, file: str, audits: list[EntryAudit]) -> None:
    """``parameters`` and ``applicable_notes`` repeat lines of ``verbatim_text``: checked, not stored."""
    missing_parameters = sum(len(audit.parameters_missing) for audit in audits)
    if missing_parameters:
        context.warn(
            file, "entries[*].parameters",
            f"{missing_parameters} of {sum(audit.parameters for audit in audits)} parameter lines are not in "
            "verbatim_text and were not used",
        )
    for position, audit in enumerate(audits):
        for note in audit.applicable_notes_missing:
            context.warn(file, f"entries[{position}].applicable_notes", f"note not in verbatim_text: {note[:60]!r}")
