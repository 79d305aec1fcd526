"""The text lines of the Norway List II PDF, with their page, position and indentation.

Running headers (the section title at the top of every page), page numbers and the
"1C006 continued" / "6A003.b.4. Note 4 continued" markers Word puts at page breaks are dropped here, so that no later
stage ever sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pypdfium2 as pdfium

from interregime.ingest.context import SourceError
from interregime.ingest.pdf_text import text_lines

HEADER_MIN_TOP = 780.0
FOOTER_MAX_TOP = 90.0
CONTINUED = re.compile(r"^\d[A-E]\d{3}.{0,30}?\bcontinued\.?$")
# pdfium marks a hyphen at which Word wrapped a line but pdfium did not with U+FFFE.
WRAP_HYPHEN = "\ufffe"


@dataclass(frozen=True, slots=True)
class PageLine:
    """One text line: 1-based page and line numbers, x of its first character, x where the
    text after its first token starts (the item text after a label), and top of the line."""

    page: int
    number: int
    x: float
    x_after_first: float
    top: float
    text: str

    @property
    def place(self) -> str:
        return f"page {self.page} line {self.number}"


def read_pages(data: bytes, file: str) -> tuple[list[list[PageLine]], dict[str, str]]:
    """Every page's body lines, and the document metadata (CreationDate...)."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise SourceError(file, "", f"not a readable PDF ({error})") from None
    try:
        pages = [_page_lines(document, index, file) for index in range(len(document))]
        metadata = document.get_metadata_dict()
    finally:
        document.close()
    return pages, metadata


def _page_lines(document: pdfium.PdfDocument, index: int, file: str) -> list[PageLine]:
    try:
        page = document[index]
        textpage = page.get_textpage()
    except pdfium.PdfiumError as error:
        raise SourceError(file, f"page {index + 1}", f"cannot read the page text ({error})") from None
    lines: list[PageLine] = []
    for line in text_lines(textpage):
        left, _, _, top = textpage.get_charbox(line.first_char)
        if _is_running_text(line.text, top, index + 1):
            continue
        lines.append(
            PageLine(
                page=index + 1,
                number=line.number,
                x=left,
                x_after_first=_x_after_first_token(textpage, line.raw, line.line_start),
                top=top,
                text=_clean(line.text),
            )
        )
    return lines


def _is_running_text(text: str, top: float, page: int) -> bool:
    if top > HEADER_MIN_TOP:
        return True
    if top < FOOTER_MAX_TOP and text == str(page):
        return True
    return bool(CONTINUED.match(text))


def _x_after_first_token(textpage: pdfium.PdfTextPage, raw: str, start: int) -> float:
    match = re.match(r"^\s*\S+\s+(?=\S)", raw)
    if not match:
        return -1.0
    left, _, _, _ = textpage.get_charbox(start + match.end())
    return float(left)


def _clean(text: str) -> str:
    text = text.replace(WRAP_HYPHEN, "-").replace("\u00a0", " ")
    return re.sub(r"\s{2,}", " ", text).strip()


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: a line ending in a hyphen (a compound, a CAS number) joins without a space."""
    text = ""
    for line in lines:
        if not text:
            text = line
        elif text.endswith("-"):
            text += line
        else:
            text += " " + line
    return text
