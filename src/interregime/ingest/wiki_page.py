"""A Wikipedia article saved as markdown: sections, paragraphs, bullet lists, and what was left unread."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interregime.ingest.context import SourceContext, SourceError

HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*$")
BULLET = re.compile(r"^ {2,}\* +(?P<body>.+?)\s*$")
FOOTNOTE = re.compile(r"^\* +(?P<body>.+?)\s*$")


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Consecutive non-blank prose lines, joined with single spaces."""

    first_line: int
    text: str


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    level: int
    heading_line: int
    lines: tuple[Line, ...]

    def paragraphs(self) -> list[Paragraph]:
        found: list[Paragraph] = []
        current: list[Line] = []
        for line in (*self.lines, Line(0, "")):
            prose = line.text.strip() and not (BULLET.match(line.text) or HEADING.match(line.text))
            if prose:
                current.append(line)
            elif current:
                found.append(Paragraph(current[0].number, " ".join(x.text.strip() for x in current)))
                current = []
        return found

    def bullet_blocks(self) -> list[tuple[Paragraph | None, list[Line]]]:
        """Each run of bullet lines, with the prose paragraph just before it (None after a heading)."""
        blocks: list[tuple[Paragraph | None, list[Line]]] = []
        starts = {p.first_line: p for p in self.paragraphs()}
        intro: Paragraph | None = None
        run: list[Line] = []
        for line in self.lines:
            if BULLET.match(line.text):
                run.append(line)
                continue
            if run:
                blocks.append((intro, run))
                run = []
                intro = None
            if line.number in starts:
                intro = starts[line.number]
            elif HEADING.match(line.text):
                intro = None
        if run:
            blocks.append((intro, run))
        return blocks

    def subsection(self, title: str, page: Page) -> Section:
        return page.section(title, self.level + 1, within=self)


@dataclass
class Page:
    """One article. ``consume`` marks the lines a parser used; ``report_leftovers`` warns about the rest."""

    file: str
    lines: tuple[Line, ...]
    consumed: set[int] = field(default_factory=set)

    @classmethod
    def from_bytes(cls, file: str, data: bytes) -> Page:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise SourceError(file, f"byte {error.start}", "not UTF-8 text") from None
        return cls(file, tuple(Line(n, t) for n, t in enumerate(text.splitlines(), start=1)))

    def section(self, title: str, level: int, within: Section | None = None) -> Section:
        """The section headed ``title`` at ``level`` (2 for ``##``), up to the next heading as high."""
        lines = within.lines if within else self.lines
        start: int | None = None
        for index, line in enumerate(lines):
            match = HEADING.match(line.text)
            if match and len(match["hashes"]) == level and match["title"].casefold() == title.casefold():
                start = index
                break
        if start is None:
            where = f"section {within.title!r}" if within else "the page"
            raise SourceError(self.file, "", f"no {'#' * level} {title} heading in {where} (truncated file?)")
        end = len(lines)
        for index in range(start + 1, len(lines)):
            match = HEADING.match(lines[index].text)
            if match and len(match["hashes"]) <= level:
                end = index
                break
        self.consumed.add(lines[start].number)
        return Section(title, level, lines[start].number, lines[start + 1 : end])

    def consume(self, *numbers: int) -> None:
        self.consumed.update(numbers)

    def paragraphs(self) -> list[Paragraph]:
        return Section("", 0, 0, self.lines).paragraphs()

    def report_leftovers(self, section: Section, context: SourceContext) -> None:
        """Warn once per paragraph (or bullet) of ``section`` that no parser consumed."""
        for paragraph in section.paragraphs():
            if paragraph.first_line not in self.consumed:
                context.warn(self.file, paragraph.first_line, f"text not read: {paragraph.text[:80]!r}")
        for line in section.lines:
            if line.number not in self.consumed and (BULLET.match(line.text) or HEADING.match(line.text)):
                context.warn(self.file, line.number, f"line not read: {line.text.strip()[:80]!r}")
