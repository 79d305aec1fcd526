"""Text lines of a PDF with their page, place and position, page furniture set apart.

Any PDF-born list can use it: ``read_pages`` gives each page's body lines (with the x and
baseline of their first character) and, separately, the running header lines it removed, so
that a parser can tell sections apart by their running titles without ever seeing them as text.
pdfium is used because it is about ten times faster than pypdf on these publications and gives
character positions; the text it gives is the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pypdfium2 as pdfium

from interregime.ingest.context import SourceError

# pdfium's mark for a hyphen at which the producer wrapped a line (pdfium then joins the lines).
WRAP_HYPHEN = "\ufffe"
_PRIVATE_BULLET = "\uf0b7"
# A superscript makes pdfium break the line; the rest of the line sits on the same baseline.
_SAME_BASELINE = 4.0
_NO_SPACE_BEFORE = re.compile(r"^[;:,.)\]]")
# A line ending in a hyphen glued to a word or number ("non-", "(CAS 103850-22-", "poly(3-") was
# wrapped inside that word; a suspended hyphen ("nickel-, cobalt- or") is followed by "or"/"and"/"to".
_WRAPPED_HYPHEN_END = re.compile(r"[A-Za-z0-9)]-$")
_WRAPPED_HYPHEN_NEXT = re.compile(r"""^(?!(?:and|or|nor|to)\b)[A-Za-z0-9"'(]""")


@dataclass(frozen=True, slots=True)
class PdfLine:
    """One body line: 1-based page and line number (counted in pdfium's text), the x and
    baseline y (points from the bottom) of its first character, and its text, stripped."""

    page: int
    number: int
    x: float
    y: float
    text: str

    @property
    def place(self) -> str:
        return f"page {self.page} line {self.number}"


@dataclass(slots=True)
class PdfPage:
    number: int
    height: float
    header: list[str] = field(default_factory=list)
    lines: list[PdfLine] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Furniture:
    """What to strip from every page: lines whose baseline lies above ``height - header_band``
    (running titles; kept in ``PdfPage.header``) and lines matching any of ``patterns``
    (document numbers, page numbers, dates), wherever they are."""

    header_band: float = 0.0
    patterns: tuple[re.Pattern[str], ...] = ()

    def is_header(self, line_y: float, page_height: float) -> bool:
        return self.header_band > 0 and line_y > page_height - self.header_band

    def is_furniture(self, text: str) -> bool:
        return any(pattern.search(text) for pattern in self.patterns)


def open_document(data: bytes, file: str) -> pdfium.PdfDocument:
    if not data.startswith(b"%PDF"):
        raise SourceError(file, "byte 0", "not a PDF file (no %PDF signature)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise SourceError(file, "", f"unreadable PDF (truncated or damaged): {error}") from None


def page_texts(data: bytes, file: str) -> list[str]:
    """The raw text of every page, as pdfium gives it: the baseline cost of any PDF parse."""
    document = open_document(data, file)
    texts = []
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        document.close()
    return texts


def read_pages(data: bytes, file: str, furniture: Furniture) -> list[PdfPage]:
    document = open_document(data, file)
    try:
        return [_read_page(document, index, file, furniture) for index in range(len(document))]
    finally:
        document.close()


@dataclass(frozen=True, slots=True)
class TextLine:
    """A non-blank line of a page's text layer: its number on the page, the line as printed, the line
    stripped, and the index of its first character in the text page (for the character's position)."""

    number: int
    raw: str
    text: str
    first_char: int
    line_start: int


def text_lines(textpage: pdfium.PdfTextPage) -> Iterator[TextLine]:
    text = textpage.get_text_range()
    count = textpage.count_chars()
    offset = 0
    for number, raw in enumerate(text.split("\r\n"), start=1):
        start = offset
        offset += len(raw) + 2
        stripped = raw.strip()
        first = start + (len(raw) - len(raw.lstrip()))
        if stripped and first < count:
            yield TextLine(number, raw, stripped, first, start)


def _read_page(document: pdfium.PdfDocument, index: int, file: str, furniture: Furniture) -> PdfPage:
    try:
        page = document[index]
        textpage = page.get_textpage()
    except pdfium.PdfiumError as error:
        raise SourceError(file, f"page {index + 1}", f"unreadable page: {error}") from None
    result = PdfPage(index + 1, page.get_height())
    for text_line in text_lines(textpage):
        number, stripped, first = text_line.number, text_line.text, text_line.first_char
        x, y, _, _ = textpage.get_charbox(first, loose=True)
        clean = stripped.replace(WRAP_HYPHEN, "-").replace(_PRIVATE_BULLET, "•")
        if furniture.is_header(y, result.height):
            result.header.append(clean)
        elif not furniture.is_furniture(clean):
            _add_line(result.lines, PdfLine(result.number, number, x, y, clean))
    textpage.close()
    page.close()
    return result


def _add_line(lines: list[PdfLine], line: PdfLine) -> None:
    if lines:
        previous = lines[-1]
        if abs(previous.y - line.y) < _SAME_BASELINE and line.x > previous.x:
            lines[-1] = PdfLine(
                previous.page, previous.number, previous.x, previous.y, join_text([previous.text, line.text])
            )
            return
    lines.append(line)


def join_text(parts: Iterable[str]) -> str:
    """Wrapped lines as one text: a space between lines, none before closing punctuation, and a
    word or number hyphenated at a line end (``non-`` + ``thermal``, ``103850-22-`` + ``2``) joined
    without a space."""
    text = ""
    for part in parts:
        piece = part.strip()
        if not piece:
            continue
        if not text:
            text = piece
        elif (_WRAPPED_HYPHEN_END.search(text) and _WRAPPED_HYPHEN_NEXT.match(piece)) or _NO_SPACE_BEFORE.match(piece):
            text += piece
        else:
            text += " " + piece
    return text


def body_lines(pages: Sequence[PdfPage]) -> list[PdfLine]:
    return [line for page in pages for line in page.lines]
