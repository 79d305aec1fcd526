"""The parts of Norway List II around the entries: preface, general notes, acronyms,
definitions of terms and the summary of the 2020 update."""

from __future__ import annotations

import re
from collections.abc import Sequence

from interregime.domain.corpus import Definition, Document
from interregime.ingest.context import SourceContext, SourceError
from interregime.ingest.no_list_ii_pages import PageLine, join_lines

# Section headings, in document order, each the first line of its section.
GENERAL_NOTES = "GENERAL NOTES TO ANNEX I"
ACRONYMS = "ACRONYMS AND ABBREVIATIONS USED IN THIS ANNEX"
DEFINITIONS = "DEFINITIONS OF TERMS USED IN THIS ANNEX"
CATEGORIES = re.compile(r"^CATEGORY 0 - ")
UPDATE = re.compile(r"^2020 Update of the EU Control List", re.IGNORECASE)

DEFINITION_START = re.compile(r'^"(?P<term>[^"]+)"\s*(?P<scope>(?:\([^)]*\)\s*)+)(?P<text>.*)$')


class Sections:
    """The body lines of the document, cut at the section headings."""

    def __init__(self, pages: Sequence[Sequence[PageLine]], file: str) -> None:
        lines = [line for page in pages for line in page]
        starts = {
            "general": _find(lines, lambda text: text == GENERAL_NOTES, file),
            "acronyms": _find(lines, lambda text: text == ACRONYMS, file),
            "definitions": _find(lines, lambda text: text == DEFINITIONS, file),
        }
        starts["categories"] = _find(lines, lambda text: bool(CATEGORIES.match(text)), file, starts["definitions"])
        starts["update"] = _find(lines, lambda text: bool(UPDATE.match(text)), file, starts["categories"])
        order = list(starts.values())
        if order != sorted(order):
            raise SourceError(file, lines[0].place if lines else "", "sections are not in the expected order")
        self.preface = lines[: starts["general"]]
        self.general = lines[starts["general"] : starts["acronyms"]]
        self.acronyms = lines[starts["acronyms"] : starts["definitions"]]
        self.definitions = lines[starts["definitions"] : starts["categories"]]
        self.categories = lines[starts["categories"] : starts["update"]]
        self.update = lines[starts["update"] :]


def _find(lines: Sequence[PageLine], test: object, file: str, after: int = 0) -> int:
    for index in range(after, len(lines)):
        if test(lines[index].text):  # type: ignore[operator]
            return index
    raise SourceError(file, "", "section heading not found; the document layout is not List II's")


def documents(sections: Sections) -> list[Document]:
    preface = [line for line in sections.preface if not line.text.startswith("CONTENTS")]
    return [
        Document("preface", "Vedlegg II – Liste II (preface and contents)", _text(preface)),
        Document("general notes", "General notes to Annex I", _text(sections.general)),
        Document("acronyms", "Acronyms and abbreviations used in this Annex", _text(sections.acronyms)),
        Document("update summary", "2020 Update of the EU Control List of Dual-Use Items", _text(sections.update)),
    ]


def _text(lines: Sequence[PageLine]) -> str:
    return "\n".join(line.text for line in lines)


def definitions(sections: Sections, context: SourceContext, file: str) -> tuple[list[Definition], Document]:
    """The defined terms, and the introduction before the first one as a document."""
    found: list[Definition] = []
    intro: list[str] = []
    term = scope = ""
    body: list[str] = []

    def close() -> None:
        if term:
            found.append(Definition(term=term, text=join_lines(body), scope=scope))

    for line in sections.definitions[1:]:
        match = DEFINITION_START.match(line.text)
        if match and (not body or _ends_sentence(body[-1])):
            close()
            term, scope = match["term"], " ".join(match["scope"].split())
            body = [match["text"].lstrip(", ")] if match["text"] else []
        elif term:
            body.append(line.text)
        else:
            intro.append(line.text)
    close()
    if not found:
        raise SourceError(file, sections.definitions[0].place, "no definitions found")
    if not intro:
        context.warn(file, sections.definitions[0].place, "definitions section has no introduction")
    return found, Document("definitions introduction", DEFINITIONS.title(), "\n".join(intro))


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", ";", ":", "'", ")", '"'))
