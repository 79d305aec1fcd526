"""The front matter of the SCOMET list: introduction, category index, general notes, the
glossary (as definitions) and the acronyms; and where the body of categories begins."""

from __future__ import annotations

import re

from interregime.domain.corpus import Definition, Document
from interregime.ingest.context import SourceContext, SourceError
from interregime.ingest.in_scomet_numbering import CATEGORY_LINE
from interregime.ingest.in_scomet_pages import Line, joined_text

_SECTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Items on the SCOMET List are organi[sz]ed"), "category index"),
    (re.compile(r"^COMMODITY IDENTIFICATION NOTE"), "commodity identification note"),
    (re.compile(r"^GENERAL NOTES\s*$"), "general notes"),
    (re.compile(r"^GENERAL TECHNOLOGY NOTE\s*$"), "general technology note"),
    (re.compile(r"^GENERAL SOFTWARE NOTE\s*$"), "general software note"),
    (re.compile(r'^GENERAL ["“]INFORMATION SECURITY["”] NOTE\s*$'), "general information security note"),
    (re.compile(r"^GLOSSARY\s*$"), "glossary"),
    (re.compile(r"^ACRONYMS AND ABBREVIATIONS\s*$"), "acronyms"),
)
# 2024 puts each term on a line of its own; 2018 writes ``“Accuracy”: (Usually measured ...``.
_TERM = re.compile(r'^\s*[“"](?P<term>[^”"]{1,150})[”"]\s*(?::\s*(?P<rest>.*))?$')


def split_front(lines: list[Line], file: str) -> tuple[dict[str, list[Line]], list[Line]]:
    """The front-matter sections by kind, and the body lines from the "Category 0" heading after
    the acronyms on."""
    sections: dict[str, list[Line]] = {"introduction": []}
    current = "introduction"
    for position, line in enumerate(lines):
        text = line.text.strip()
        kind = next((name for pattern, name in _SECTIONS if pattern.match(text)), None)
        if kind is not None and kind not in sections:
            current = kind
            sections[current] = []
            continue
        match = CATEGORY_LINE.match(text)
        if current == "acronyms" and match and match["cat"] == "0":
            return sections, lines[position:]
        sections[current].append(line)
    missing = [name for _pattern, name in _SECTIONS if name not in sections]
    where = "glossary" if "glossary" in missing else "acronyms" if "acronyms" in missing else "Category 0"
    raise SourceError(file, "", f"front matter incomplete: no {where} section before the category list")


def front_documents(sections: dict[str, list[Line]]) -> list[Document]:
    documents: list[Document] = []
    for kind, lines in sections.items():
        if kind == "glossary" or not lines:
            continue
        text = "\n".join(line.text.strip() for line in lines)
        title = "Acronyms and abbreviations" if kind == "acronyms" else kind.capitalize()
        documents.append(Document(kind, title, text))
    return documents


def glossary_definitions(lines: list[Line], file: str, context: SourceContext) -> list[Definition]:
    """Each quoted term on a line of its own, with the text up to the next term."""
    definitions: list[Definition] = []
    term = ""
    body: list[Line] = []

    def close() -> None:
        if term:
            text = joined_text(body)
            if not text:
                context.warn(file, body[0].place if body else "glossary", f"term {term!r} has no definition text")
            definitions.append(Definition(term, text, "SCOMET List"))

    for line in lines:
        match = _TERM.match(line.text)
        if match:
            close()
            term = " ".join(match["term"].split())
            body = [Line(line.page, line.number, match["rest"])] if match["rest"] else []
        elif term:
            body.append(line)
        elif not line.text.strip().startswith("Expressions used"):
            context.warn(file, line.place, f"glossary text before the first term: {line.text.strip()[:60]}")
    close()
    return definitions
