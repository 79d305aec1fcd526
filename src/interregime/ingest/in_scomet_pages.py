"""The SCOMET PDFs as numbered lines of body text: running headers, page numbers and the
amendment footnotes ("12 Para 1(D) of Notification No. 29/2015-20 dated 21.09.2017") removed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pypdfium2 as pdfium

from interregime.ingest.context import SourceError
from interregime.ingest.pdf_text import WRAP_HYPHEN, open_document, text_lines

_HEADER = re.compile(r"^\s*Appendix\s*3\s*[–-]\s*SCOMET\s+List\s*$")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_FOOTNOTE = re.compile(
    r"^\s*(?P<mark>\d{1,2})\s?(?P<text>(?:Para\b|Notification\b|Added vide\b|No change\b).*)$"
)
# A space pdfium adds (no space character is in the PDF) where a justified line widens the gap
# after a hyphen: "7440-41- 7", "dioxaphosphorinan- 5-yl", "1,3,5- triaza". It is dropped between a
# word and a digit, or between a digit and a lower-case word; a wider gap is a table column.
_HYPHEN_GAP = re.compile(r"(?<=[A-Za-z0-9)\]][-\ufffe]) (?=\d)|(?<=\d[-\ufffe]) (?=[a-z])")
_COLUMN_GAP = 1.5  # the widest gap kept as no space, in heights of the character after it
# Two letters this far apart (in character heights) are two words the PDF wrote without a space between
# them ("less|than" 0.37-0.45, "components|therefor" 0.36-0.42); letters of one word stay under 0.33
# (kerned "u|m" 0.32). Measured over every letter pair of both editions.
_WORD_GAP = 0.33
_LETTER_RUN = re.compile(r"[A-Za-z]{4,}")
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})(\d{2})")
# An entry code glued to the end of the previous sentence ("1,000 m;8A801 b. Manned",
# "8A602.a.1.d8B603. CAMERAS"): a new paragraph that lost its line break.
# So is a category 8 sub-group heading ("... specified by 8A912.8C9 AEROSPACE AND PROPULSION").
_GLUED_ENTRY = re.compile(
    r"(?<=[^\s(,])(?=\d[A-H]\d{3}\.?\s+(?:[a-z0-9]{1,3}\.\s*)*[\"“‘'A-Z]|8[A-E][1-9]\s?[A-Z]{3,}\s)"
)


@dataclass(frozen=True, slots=True)
class Line:
    """A line of text; ``x`` is the left edge (points) of its first character, 0 when unknown."""

    page: int
    number: int
    text: str
    x: float = 0.0

    @property
    def place(self) -> str:
        return f"page {self.page} line {self.number}"


@dataclass(slots=True)
class PdfText:
    lines: list[Line] = field(default_factory=list)
    footnotes: list[Line] = field(default_factory=list)
    page_count: int = 0
    created: dt.date | None = None


def read_pdf_lines(data: bytes, file: str) -> PdfText:
    """Every line of body text of the PDF in ``data``; a file that is no readable PDF is a SourceError."""
    document = open_document(data, file)
    result = PdfText(page_count=len(document), created=_creation_date(document))
    pages: list[tuple[pdfium.PdfPage, pdfium.PdfTextPage, str]] = []
    try:
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            pages.append((page, text_page, text_page.get_text_range()))
        words = {run.group() for _, _, raw in pages for run in _LETTER_RUN.finditer(raw)}
        for index, (_, text_page, raw) in enumerate(pages):
            _page_lines(index + 1, text_page, raw, words, result)
    except pdfium.PdfiumError as error:
        raise SourceError(file, f"page {len(pages)}", f"unreadable page: {error}") from None
    finally:
        for page, text_page, _ in pages:
            text_page.close()
            page.close()
        document.close()
    if not result.lines:
        raise SourceError(file, "", "the PDF holds no text")
    return result


def _page_lines(page: int, text_page: pdfium.PdfTextPage, raw: str, words: set[str], result: PdfText) -> None:
    char_count = text_page.count_chars()
    dropped = _hyphen_gaps(raw, text_page, char_count)
    spaced = _word_gaps(raw, text_page, char_count, words)
    lines = list(text_lines(text_page))
    position = 0
    if lines and _HEADER.match(lines[0].raw):
        position = 1
        if len(lines) > 1 and lines[1].number == lines[0].number + 1 and _PAGE_NUMBER.match(lines[1].raw):
            position = 2
    for line in lines[position:]:
        # pdfium's line-end hyphen mark: in these Word-made files it was a real hyphen.
        text = line.raw.replace(WRAP_HYPHEN, "-").replace("\u00a0", " ").rstrip()
        if _FOOTNOTE.match(text):
            result.footnotes.append(Line(page, line.number, text))
            continue
        offset = line.line_start
        for part in _GLUED_ENTRY.split(text):
            first = offset + len(part) - len(part.lstrip())
            x = text_page.get_charbox(first)[0] if first < char_count else 0.0
            kept = "".join((" " + char if index in spaced else char) for index, char in enumerate(part, offset)
                           if index not in dropped)
            result.lines.append(Line(page, line.number, kept, x))
            offset += len(part)


def _hyphen_gaps(raw: str, text_page: pdfium.PdfTextPage, char_count: int) -> set[int]:
    """The indexes in ``raw`` of generated spaces after a hyphen that join a word (``_HYPHEN_GAP``)."""
    gaps: set[int] = set()
    for match in _HYPHEN_GAP.finditer(raw):
        index = match.start()
        if index + 1 >= char_count or not pdfium.raw.FPDFText_IsGenerated(text_page.raw, index):
            continue
        hyphen, after = text_page.get_charbox(index - 1), text_page.get_charbox(index + 1)
        if after[0] - hyphen[2] <= _COLUMN_GAP * (after[3] - after[1]):
            gaps.add(index)
    return gaps


def _word_gaps(raw: str, text_page: pdfium.PdfTextPage, char_count: int, words: set[str]) -> set[int]:
    """The indexes in ``raw`` of letters that start a new word although no space precedes them: the
    gap to the previous letter on the same baseline is at least ``_WORD_GAP`` character heights and
    both words have two letters or more ("lessthan", "materialssuch", "componentstherefor"). Only the
    letter runs that split into two ``words`` the document also writes on their own are measured."""
    runs = list(_LETTER_RUN.finditer(raw[:char_count]))
    starts: set[int] = set()
    for run in runs:
        token = run.group()
        for cut in range(2, len(token) - 1):
            if token[:cut] not in words or token[cut:] not in words:
                continue
            index = run.start() + cut
            before, after = text_page.get_charbox(index - 1), text_page.get_charbox(index)
            height = max(before[3] - before[1], after[3] - after[1])
            if height > 0 and abs(before[1] - after[1]) < 2 and after[0] - before[2] >= _WORD_GAP * height:
                starts.add(index)
    return starts


def _creation_date(document: pdfium.PdfDocument) -> dt.date | None:
    match = _PDF_DATE.match(document.get_metadata_dict().get("CreationDate", ""))
    if not match:
        return None
    return dt.date(int(match[1]), int(match[2]), int(match[3]))


def joined_text(lines: list[Line]) -> str:
    """Wrapped lines as one paragraph: a line-end hyphen joins without a space."""
    text = ""
    for line in lines:
        part = line.text.strip()
        if text.endswith("-") and not text.endswith(" -"):
            text += part
        else:
            text = f"{text} {part}" if text else part
    return " ".join(text.split())
