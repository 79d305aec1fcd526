"""The Wassenaar Arrangement List of Dual-Use Goods and Technologies and Munitions List (2025 Corr.).

Sections are told apart by the running title of each page ("DUAL-USE LIST - CATEGORY 2 ...",
"Sensitive List", "MUNITIONS LIST", "DEFINITIONS" ...), which is then stripped with the document
number and the dated page number ("WA-LIST (25) 1 Corr.", "- 30 - 15-01-2026").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from interregime.domain.codes import entry_code, to_eu_style
from interregime.domain.corpus import (
    ControlList,
    CrossReference,
    Definition,
    Document,
    Edition,
    EditionContent,
    Entry,
    ListKind,
    NoteKind,
    XRefKind,
)
from interregime.domain.regimes import Regime
from interregime.ingest.context import OfficialFile, SourceContext, SourceError
from interregime.ingest.control_text import (
    MUNITIONS_CODE,
    WASSENAAR_CODE,
    TermIndex,
    code_mentions,
    quoted_terms,
    reattach_notes,
)
from interregime.ingest.pdf_text import Furniture, PdfLine, PdfPage, join_text, read_pages
from interregime.ingest.wassenaar_annexes import apply_flags, documents_by_heading, parse_definitions
from interregime.ingest.wassenaar_structure import DUAL_USE_ANCHOR, MUNITIONS_ANCHOR, SectionBuilder, Warn

LIST = ControlList(
    id="wassenaar",
    title="Wassenaar Arrangement List of Dual-Use Goods and Technologies and Munitions List",
    kind=ListKind.REGIME,
    authority="WA",
    regime=Regime.WA,
)
PDF = "wassenaar/wassenaar_2025_corr.pdf"
SHA256 = "1a92a954dc51211f6f39a8780525248d0338bc116a23f80164e2aa6541be43fb"
URL = "https://www.wassenaar.org/app/uploads/2026/01/List-of-Dual-Use-Goods-and-Technologies-and-ML-2025-Corr.pdf"
FILES = {PDF: SHA256}
OFFICIAL = [OfficialFile(PDF, URL, SHA256)]
# The publication names the plenary only by year ("approved by the Plenary in 2025"); the one full
# date it prints is that of the corrigendum, WA-LIST (25) 1 Corr., on every page: 15-01-2026.
EDITION_DATE = dt.date(2026, 1, 15)
EDITION_TITLE = "List of Dual-Use Goods and Technologies and Munitions List, 2025 Corr. (WA-LIST (25) 1 Corr.)"

FURNITURE = Furniture(
    header_band=85.0,
    patterns=tuple(
        re.compile(pattern)
        for pattern in (
            r"^WA-LIST \(\d\d\) \d+(?: Corr\.?)?$",
            r"^-\s*\d+\s*-\s*\d\d-\d\d-\d{4}$",
            r"^\d\d-\d\d-\d{4}\s*-\s*\d+\s*-$",
            r"^_{5,}$",
        )
    ),
)
_CATEGORY_TITLE = re.compile(r"CATEGORY (?P<cat>\d)(?:\s*[–-]\s*PART\s*(?P<part>\d))?")
# A technical note printed after a category's last entry under a title of its own, in capitals:
# "TECHNICAL NOTE ON 'ADJUSTED PEAK PERFORMANCE' ('APP')".
_TECHNICAL_NOTE_HEADING = re.compile(r"^TECHNICAL NOTES? ON [^a-z]+$")
_FOOTNOTE_ZONE = 100.0
_CODE_IN_TEXT = rf"(?:{WASSENAAR_CODE}|{MUNITIONS_CODE})"
_SPECIFIED = re.compile(r"\bspecified (?:in|by)\s+(?:[^.;:]{0,30}\s)?$", re.IGNORECASE)
_MIN_PAGES = 200


def crawl(context: SourceContext) -> list[EditionContent]:
    data = context.read(PDF, SHA256)
    pages = read_pages(data, PDF, FURNITURE)
    if len(pages) < _MIN_PAGES:
        raise SourceError(PDF, f"page {len(pages)}", f"only {len(pages)} pages; the list has about 240")
    return [parse(pages, context, context.files_read.get(PDF, SHA256))]


def parse(pages: Sequence[PdfPage], context: SourceContext, sha256: str = SHA256) -> EditionContent:
    def warn(place: str, message: str) -> None:
        context.warn(PDF, place, message)

    sections, footnotes = split_sections(pages)
    content = EditionContent(LIST, Edition(LIST.id, EDITION_DATE, EDITION_TITLE, PDF, sha256, URL))
    for key, lines in sections.items():
        if key.startswith("cat") or key == "ml":
            entries, documents = _build_section(key, lines, warn)
            content.entries.extend(entries)
            content.documents.extend(documents)
    _require(content, sections)
    by_code = {entry.code: entry for entry in content.entries}
    apply_flags(sections.get("sensitive", []), "sensitive", by_code, warn)
    apply_flags(sections.get("very sensitive", []), "very sensitive", by_code, warn)
    definitions, introduction = parse_definitions(sections.get("definitions", []), warn)
    content.definitions = definitions
    content.documents.extend(_general_documents(sections, introduction, footnotes))
    _link(content.entries, definitions, content.cross_references)
    return content


def split_sections(pages: Sequence[PdfPage]) -> tuple[dict[str, list[PdfLine]], list[str]]:
    """Body lines by section key (``front``, ``general``, ``cat1`` ... ``cat5-2``, ``sensitive``,
    ``very sensitive``, ``ml``, ``definitions``, ``acronyms``, ``understandings``), footnotes apart."""
    sections: dict[str, list[PdfLine]] = {}
    footnotes: list[str] = []
    current = "front"
    for page in pages:
        current = _section_of(page, current)
        lines = page.lines
        for index, line in enumerate(lines):
            if line.y < _FOOTNOTE_ZONE and line.text.startswith("*"):
                note = join_text(other.text for other in lines[index:])
                if note not in footnotes:
                    footnotes.append(note)
                lines = lines[:index]
                break
        sections.setdefault(current, []).extend(lines)
    return sections, footnotes


def _section_of(page: PdfPage, previous: str) -> str:
    title = " ".join(page.header)
    category = _CATEGORY_TITLE.search(title)
    if category:
        return f"cat{category['cat']}" + (f"-{category['part']}" if category["part"] else "")
    for marker, key in (
        ("Very Sensitive List", "very sensitive"),
        ("Sensitive List", "sensitive"),
        ("MUNITIONS LIST", "ml"),
        ("DEFINITIONS", "definitions"),
        ("Acronyms", "acronyms"),
        ("Statements of Understanding", "understandings"),
    ):
        if marker in title:
            return key
    if any(line.text.startswith("GENERAL TECHNOLOGY NOTE") for line in page.lines):
        return "general"
    return previous


def _build_section(key: str, lines: Sequence[PdfLine], warn: Warn) -> tuple[list[Entry], list[Document]]:
    munitions = key == "ml"
    category = "ML" if munitions else key[3]
    builder = SectionBuilder(category, MUNITIONS_ANCHOR if munitions else DUAL_USE_ANCHOR, warn)
    document_heading = ""
    for line in lines:
        if line.text == document_heading:
            continue  # the document's title repeated at the top of its next page
        if not munitions and line.text.startswith("TABLE - "):
            builder.start_document("table", f"Category {category} {line.text}")
        elif not munitions and _TECHNICAL_NOTE_HEADING.match(line.text):
            document_heading = line.text
            builder.start_document("technical note", f"Category {category} {line.text}")
        elif not munitions and line.text == "ANNEX":
            builder.start_document("annex", f"Category {category} Annex")
        elif munitions and line.text == "MUNITIONS LIST" and not builder.entries:
            continue
        else:
            builder.add(line)
    entries, documents = builder.finish()
    for entry in entries:
        entry.eu_code = to_eu_style(entry.code)
        reattach_notes(entry)
    return entries, documents


def _require(content: EditionContent, sections: dict[str, list[PdfLine]]) -> None:
    categories = {entry.category for entry in content.entries}
    missing = [name for name in [*"123456789", "ML"] if name not in categories]
    if missing:
        raise SourceError(PDF, "", f"no entries found for categor{'ies' if len(missing) > 1 else 'y'} "
                          f"{', '.join(missing)}; not the Wassenaar list layout")
    if "definitions" not in sections:
        raise SourceError(PDF, "", "no 'DEFINITIONS' pages found")


def _general_documents(
    sections: dict[str, list[PdfLine]], introduction: Document, footnotes: list[str]
) -> list[Document]:
    documents = documents_by_heading(
        sections.get("general", []), "general note", _is_capital_heading, "Dual-Use List general notes"
    )
    documents.append(introduction)
    acronyms = sections.get("acronyms", [])
    if acronyms:
        documents.append(Document("acronyms", "Acronyms and Abbreviations used in these Lists",
                                  "\n".join(line.text for line in acronyms)))
    understandings = sections.get("understandings", [])
    if understandings:
        documents.append(Document("statements of understanding", "Statements of Understanding and Validity Notes",
                                  join_text(line.text for line in understandings)))
    front = sections.get("front", [])
    if front:
        documents.append(Document("front matter", "Title page and contents", "\n".join(line.text for line in front)))
    documents.extend(Document("footnote", f"Footnote {number}", text) for number, text in enumerate(footnotes, 1))
    return documents


def _is_capital_heading(line: PdfLine) -> bool:
    letters = [char for char in line.text if char.isalpha()]
    return len(letters) > 5 and all(char.isupper() for char in letters)


def _link(entries: Sequence[Entry], definitions: Sequence[Definition], references: list[CrossReference]) -> None:
    """Defined terms of every item, and the cross-references of N.B.s and "specified in" text."""
    index = TermIndex([definition.term for definition in definitions])
    seen: set[tuple[str, str, XRefKind]] = set()
    for entry in entries:
        for item in entry.items:
            item.defined_terms = index.canonical(quoted_terms(item.text))
            sources = [(item.text, False)] + [(note.text, True) for note in item.notes if note.kind is NoteKind.NB]
            for text, from_nb in sources:
                for mention in code_mentions(text, _CODE_IN_TEXT):
                    kind = mention.kind
                    if from_nb and kind is XRefKind.REFERENCE:
                        kind = XRefKind.SEE_ALSO
                    elif not from_nb and kind is XRefKind.REFERENCE and not _SPECIFIED.search(text[: mention.start]):
                        continue
                    if entry_code(mention.code) == entry.code or (item.code, mention.code, kind) in seen:
                        continue
                    seen.add((item.code, mention.code, kind))
                    references.append(CrossReference(item.code, mention.code, kind, text))
