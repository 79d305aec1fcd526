"""India's SCOMET list (Appendix 3 to Schedule 2 of ITC(HS)): the 2018 and 2024 editions."""

from __future__ import annotations

import datetime as dt
import re

from interregime.domain.corpus import (
    ControlList,
    CrossReference,
    Document,
    Edition,
    EditionContent,
    Entry,
    ListKind,
)
from interregime.domain.regimes import Regime
from interregime.ingest.context import OfficialFile, SourceContext, SourceError
from interregime.ingest.control_text import code_mentions, sentence_around
from interregime.ingest.in_scomet_entries import BodyReader
from interregime.ingest.in_scomet_front import front_documents, glossary_definitions, split_front
from interregime.ingest.in_scomet_numbering import SCOMET_CODE
from interregime.ingest.in_scomet_pages import Line, PdfText, joined_text, read_pdf_lines

LIST = ControlList(
    id="in-scomet",
    title="India SCOMET List (Appendix 3 to Schedule 2 of ITC(HS))",
    kind=ListKind.NATIONAL,
    authority="IN",
)

FILE_2024 = "india_scomet/india_scomet_2024.pdf"
FILE_2018 = "india_scomet/india_scomet_2018.pdf"
FILES: dict[str, str] = {
    FILE_2024: "4e26322b3f05bea962b7451e66db967dc1ad8ed8816254e663dde80cc410681f",
    FILE_2018: "dafe0eef50e7be28e7a9bb4f0672f4e53e24259cd355a8586f3def204aa7a993",
}
URL_2024 = "https://content.dgft.gov.in/Website/UPDATED%20SCOMET%20List%202024%20as%20on%2002.09.2024.pdf"
# DGFT no longer publishes the 2018 consolidation and no official address of this exact file
# (sha256 above) is known; it was kept only in a third-party repository (see SOURCE.md).
URL_2018 = ""
# DGFT no longer publishes the 2018 list; it is fetched from the copy at a pinned commit of jaepaly/2026sanbo.
ARCHIVED_2018 = (
    "https://raw.githubusercontent.com/jaepaly/2026sanbo/4bf9734f6d5399299ca910f80f4ca717a10932fa/data/india_scomet.pdf"
)
OFFICIAL = [
    OfficialFile(FILE_2024, URL_2024, FILES[FILE_2024]),
    OfficialFile(FILE_2018, ARCHIVED_2018, FILES[FILE_2018]),
]

_AS_ON = re.compile(r"(?:Updated\s+)?as\s+on\s+(\d{2})\.(\d{2})\.(\d{4})", re.IGNORECASE)

# How a category text names a regime; a category is mapped only when its own text cites one.
_REGIME_CITATIONS: dict[Regime, re.Pattern[str]] = {
    Regime.CWC: re.compile(r"Chemical Weapons? Convention|\bCWC\b"),
    Regime.MTCR: re.compile(r"Missile Technology Control Regime|\bMTCR\b"),
    Regime.NSG: re.compile(r"Nuclear Suppliers Group|\bNSG\b"),
    Regime.AG: re.compile(r"Australia Group"),
    Regime.WA: re.compile(r"Wassenaar"),
}


def crawl(context: SourceContext) -> list[EditionContent]:
    return [parse_edition(context, FILE_2024, URL_2024), parse_edition(context, FILE_2018, URL_2018)]


def parse_edition(context: SourceContext, file: str, url: str) -> EditionContent:
    data = context.read(file, FILES[file])
    pdf = read_pdf_lines(data, file)
    date = edition_date(pdf, file)
    edition = Edition(LIST.id, date, f"SCOMET List as on {date:%d.%m.%Y}", file, context.files_read[file], url)
    sections, body = split_front(pdf.lines, file)
    reader = BodyReader(file, context)
    reader.read(body)
    regimes = category_regimes(reader.category_text)
    for entry in reader.entries:
        entry.regime = regimes.get(entry.category)
    content = EditionContent(LIST, edition, entries=reader.entries)
    content.definitions = glossary_definitions(sections.get("glossary", []), file, context)
    content.documents = [*front_documents(sections), *reader.documents]
    if pdf.footnotes:
        notes = "\n".join(line.text.strip() for line in pdf.footnotes)
        content.documents.append(Document("amendment footnotes", "Amendment footnotes", notes))
    content.cross_references = cross_references(reader.entries)
    if not content.entries:
        raise SourceError(file, "", "no SCOMET entries found")
    return content


def edition_date(pdf: PdfText, file: str) -> dt.date:
    """The "as on dd.mm.yyyy" date of the first page; the 2018 file states none (its latest amendment
    cited is Notification 29/2015-20 of 21.09.2017), so its PDF creation date (2018-02-02) is used."""
    first_page = joined_text([line for line in pdf.lines if line.page == 1])
    match = _AS_ON.search(first_page)
    if match:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    if pdf.created is not None:
        return pdf.created
    raise SourceError(file, "page 1", "no 'as on dd.mm.yyyy' date and no PDF creation date")


def category_regimes(category_text: dict[str, list[Line]]) -> dict[str, Regime]:
    """Category 8 is the Wassenaar dual-use list and category 6 (headed "Munitions List") the
    Wassenaar munitions list; another category gets the regime its introduction and group texts
    cite most (category 1: the CWC schedules), none if they cite none."""
    regimes: dict[str, Regime] = {"8": Regime.WA}
    for category, lines in category_text.items():
        if category == "8":
            continue
        if re.search(r"Munitions List", lines[0].text, re.IGNORECASE):
            regimes[category] = Regime.WA  # the Wassenaar Munitions List, named in the heading
            continue
        text = " ".join(line.text for line in lines)
        counts = {regime: len(pattern.findall(text)) for regime, pattern in _REGIME_CITATIONS.items()}
        best = max(counts, key=lambda regime: counts[regime])
        if counts[best]:
            regimes[category] = best
    return regimes


def cross_references(entries: list[Entry]) -> list[CrossReference]:
    """References from an item or its notes to another SCOMET entry."""
    known = {entry.code for entry in entries}
    references: list[CrossReference] = []
    for entry in entries:
        for item in entry.items:
            for text in [item.text, *(note.text for note in item.notes)]:
                for mention in code_mentions(text, SCOMET_CODE):
                    target = mention.code.split(".")[0]
                    if target == entry.code or target not in known:
                        continue
                    reference = CrossReference(
                        item.code, mention.code, mention.kind, sentence_around(text, mention.start, mention.end)
                    )
                    if reference not in references:
                        references.append(reference)
    return references
