"""Norway List II – dual-use goods, Annex (Vedlegg) II to the Norwegian export control regulation.

The English text mirrors EU Annex I as amended by Regulation (EU) 2021/821 (the "2021" list), with
the same five-character entry codes, so each entry's EU-style code is its own code.
"""

from __future__ import annotations

import datetime as dt
import re

from interregime.domain.codes import entry_code
from interregime.domain.corpus import (
    ControlList,
    CrossReference,
    Edition,
    EditionContent,
    Entry,
    ListKind,
)
from interregime.ingest.context import OfficialFile, SourceContext, SourceError
from interregime.ingest.control_text import code_mentions, sentence_around
from interregime.ingest.no_list_ii_front import Sections, definitions, documents
from interregime.ingest.no_list_ii_items import EntryParser
from interregime.ingest.no_list_ii_pages import read_pages

PDF = "norway_list/norway_list2_dualuse_appendix2.pdf"
PDF_SHA256 = "fc2ca8c6b59400c192f2b29e7ef3d782019d6ba9b84edad997d6c27251be7c2b"
FILES = {PDF: PDF_SHA256}

# List II is Vedlegg II of the regulation FOR-2013-06-19-718 (eksport av forsvarsmateriell,
# flerbruksvarer, teknologi og tjenester); Lovdata publishes the regulation with its annexes.
# The file itself was taken from github.com/safetecnordic/export-control (see SOURCE.md).
REGULATION_URL = "https://lovdata.no/dokument/SF/forskrift/2013-06-19-718"
# The regulation's page (REGULATION_URL) is the authority; the PDF of Annex II is fetched from the copy at a
# pinned commit of safetecnordic/export-control so that the pinned sha256 holds.
PUBLISHED_PDF = (
    "https://raw.githubusercontent.com/safetecnordic/export-control/33fb8d629eb1cf7de1be351dd49f11e3dbcf8abe/"
    "base/static/base/documents/export-control-appendix2.pdf"
)
OFFICIAL = [OfficialFile(PDF, PUBLISHED_PDF, PDF_SHA256)]

LIST = ControlList(
    id="no-list-ii",
    title="Norway List II – dual-use goods (Annex 2 to the export control regulation)",
    kind=ListKind.NATIONAL,
    authority="NO",
)
EXPECTED_ENTRIES = 366
PDF_DATE = re.compile(r"^D:(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})")


def crawl(context: SourceContext) -> list[EditionContent]:
    data = context.read(PDF, PDF_SHA256)
    pages, metadata = read_pages(data, PDF)
    sections = Sections(pages, PDF)
    parser = EntryParser(context, PDF)
    for line in sections.categories:
        parser.feed(line)
    entries = parser.finish()
    if len(entries) != EXPECTED_ENTRIES:
        raise SourceError(PDF, "", f"found {len(entries)} entries, expected {EXPECTED_ENTRIES}")
    terms, introduction = definitions(sections, context, PDF)
    content = EditionContent(
        control_list=LIST,
        edition=Edition(
            list_id=LIST.id,
            date=_edition_date(metadata, PDF),
            title="Liste II – flerbruksvarer (2021), Vedlegg II til forskrift om eksport av forsvarsmateriell, "
            "flerbruksvarer, teknologi og tjenester",
            source_file=PDF,
            sha256=context.files_read[PDF],
            source_url=REGULATION_URL,
        ),
        entries=entries,
        definitions=terms,
        cross_references=cross_references(entries),
        documents=[*documents(sections), introduction, *parser.documents],
    )
    return [content]


def _edition_date(metadata: dict[str, str], file: str) -> dt.date:
    """The document names its list "Liste II – flerbruksvarer (2021)" but carries no publication
    date, so the edition is dated by the PDF's creation date (2022-03-01)."""
    match = PDF_DATE.match(metadata.get("CreationDate", ""))
    if not match:
        raise SourceError(file, "metadata", "no CreationDate to date the edition by")
    return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))


def cross_references(entries: list[Entry]) -> list[CrossReference]:
    """Every citation of another entry's code in an item's text or notes."""
    known = {entry.code for entry in entries}
    found: list[CrossReference] = []
    seen: set[tuple[str, str, str]] = set()
    for entry in entries:
        for item in entry.items:
            for text in [item.text, *(note.text for note in item.notes)]:
                for mention in code_mentions(text):
                    target = entry_code(mention.code)
                    if target == entry.code or target not in known:
                        continue
                    key = (item.code, mention.code, mention.kind.value)
                    if key in seen:
                        continue
                    seen.add(key)
                    found.append(
                        CrossReference(
                            from_code=item.code,
                            to_code=mention.code,
                            kind=mention.kind,
                            text=sentence_around(text, mention.start, mention.end),
                        )
                    )
    return found
