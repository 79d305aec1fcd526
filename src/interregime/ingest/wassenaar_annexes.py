"""The parts of the Wassenaar list that are not entries: the Sensitive and Very Sensitive Lists
(flags on the entries they name), the definitions of terms, and the general texts."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from interregime.domain.codes import entry_code
from interregime.domain.corpus import Definition, Document, Entry
from interregime.ingest.pdf_text import PdfLine, join_text

Warn = Callable[[str, str], None]

# Sensitive-list codes are written unspaced and flush left: "3.A.1.b.2." or "1.E.2.e. & 1.E.2.f.".
_FLAGGED_CODES = re.compile(r"^(?P<codes>(?:\d\.[A-E]\.\d{1,2}\.(?:[a-z0-9]{1,2}\.)*(?:\s*&\s*|\s+)?)+)")
_ONE_CODE = re.compile(r"\d\.[A-E]\.\d{1,2}\.(?:[a-z0-9]{1,2}\.)*")
_CATEGORY_LINE = re.compile(r"^Category \d(?: cont\.?)?$")
_LEFT_COLUMN = 120.0

_TERM_LINE = re.compile(r'^(?P<scope>[^"]*?)\s*"(?P<term>[^"]+)"(?P<rest>.*)$')
_SCOPE_TOKEN = r"(?:Cat\s+)?(?:\d{1,2}(?:P\d)?|ML\s?\d{1,2}|GTN|GSN|GISN|Both\s+Lists|Lists)"
_SCOPE = re.compile(rf"^{_SCOPE_TOKEN}(?:(?:\s*[,&]\s*|\s+){_SCOPE_TOKEN})*\s*[,&]?$")
_SCOPE_PREFIX = re.compile(rf"^(?P<scope>{_SCOPE_TOKEN}(?:(?:\s*[,&]\s*|\s+){_SCOPE_TOKEN})*[,&]?)\s+(?P<rest>.+)$")
_SCOPE_ALONE = re.compile(rf"^(?:{_SCOPE_TOKEN}|[,&])(?:(?:\s*[,&]\s*|\s+)(?:{_SCOPE_TOKEN}|&))*[,&]?$")


def apply_flags(lines: Sequence[PdfLine], flag: str, entries: dict[str, Entry], warn: Warn) -> int:
    """Flag the entries the annex names; sub-items as ``flag:2.B.1.b.2``. Returns codes flagged."""
    flagged = 0
    for line in lines:
        if line.x > _LEFT_COLUMN or _CATEGORY_LINE.match(line.text):
            continue
        match = _FLAGGED_CODES.match(line.text)
        if not match:
            continue
        for raw in _ONE_CODE.findall(match["codes"]):
            code = raw.rstrip(".")
            entry = entries.get(entry_code(code))
            if entry is None:
                warn(line.place, f"{flag} list names {code}, which is not an entry of the list")
                continue
            value = flag if code == entry.code else f"{flag}:{code}"
            if value not in entry.flags:
                entry.flags.append(value)
                flagged += 1
    return flagged


def parse_definitions(lines: Sequence[PdfLine], warn: Warn) -> tuple[list[Definition], Document]:
    """The definitions: a left column of scopes ("Cat 1, 3", "ML8", "GTN") beside the quoted term,
    the definition text indented. Text before the first term is the introduction."""
    definitions: list[tuple[str, list[str], list[str]]] = []
    intro: list[str] = []
    pending: list[str] = []
    for line in lines:
        left = line.x < _LEFT_COLUMN
        term = _TERM_LINE.match(line.text) if left else None
        if term and (not term["scope"] or _SCOPE.match(term["scope"].strip())) and (
            not term["rest"].strip() or term["rest"].strip().startswith("(")
        ):
            scope = [*pending, term["scope"].strip()]
            pending = []
            definitions.append((f'{term["term"].strip()} {term["rest"].strip()}'.strip(), scope, []))
            continue
        if not definitions:
            intro.append(line.text)
            continue
        _, scope, body = definitions[-1]
        text = line.text
        if left:
            if _SCOPE_ALONE.match(text):
                # A scope line after the text has begun may open the next term's scope.
                (pending if body else scope).append(text)
                continue
            prefix = _SCOPE_PREFIX.match(text)
            if prefix:
                scope.append(prefix["scope"])
                text = prefix["rest"]
        scope.extend(pending)
        pending = []
        body.append(text)
    result = []
    for name, scope, body in definitions:
        if not body:
            warn("definitions", f"definition of {name!r} has no text")
        result.append(Definition(name, join_text(body), _tidy_scope(scope)))
    return result, Document("definitions introduction", "Definitions of Terms used in these Lists",
                            join_text(intro))


def _tidy_scope(parts: list[str]) -> str:
    text = " ".join(" ".join(parts).split())
    return re.sub(r"\s+([,&])", r"\1", text).replace("&", "& ").replace("  ", " ").strip()


def documents_by_heading(
    lines: Sequence[PdfLine], kind: str, is_heading: Callable[[PdfLine], bool], preamble_title: str
) -> list[Document]:
    """Split a run of lines into one document per heading; lines before the first heading form
    a document titled ``preamble_title`` (if any)."""
    documents: list[tuple[str, list[str]]] = []
    for line in lines:
        if is_heading(line):
            documents.append((line.text, []))
        elif documents:
            documents[-1][1].append(line.text)
        else:
            documents.append((preamble_title, [line.text]))
    return [Document(kind, title, join_text(body)) for title, body in documents]
