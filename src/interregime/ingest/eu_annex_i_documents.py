"""The general texts of the EU Annex I file: the "Definitions of Terms" (as Definitions), the general
notes, acronyms, category notes and articles, and the Union general export authorisations (as Documents)."""

from __future__ import annotations

import re
from typing import Any

from interregime.domain.corpus import Definition, Document
from interregime.ingest.context import SourceContext
from interregime.ingest.control_text import term_as_used
from interregime.ingest.json_fields import take, take_object, warn_leftovers

DEFINITIONS_DOC = "definitions_annex"
GEA_KIND = "union_general_export_authorisation"
GEA_COMMON_KIND = "gea_common_list"
GEA_COMMON_TITLE = "Annex IIg — items excluded from the Union general export authorisations"

_DEFINITION_HEAD = re.compile(
    r'^["“](?P<term>[^"”]+)["”]\s*(?P<groups>(?:\((?:[^()]|\([^()]*\))*\)\s*)*)(?P<rest>.*)$', re.DOTALL
)
_GROUP = re.compile(r"\(((?:[^()]|\([^()]*\))*)\)")
_SCOPE_TOKEN = re.compile(r"^(?:\d|GTN|NTN|GSN|NSN|GISN|All|def)$")
_ALIAS = re.compile(r'^["“]([^"”]+)["”]$')
# "Spread spectrum" radar (6) - ...: words that finish the term after its closing quote.
_TERM_TAIL = re.compile(r"^(?P<tail>[\w-]+(?: [\w-]+){0,2}) (?P<groups>\((?:[^()]|\([^()]*\))*\)\s*)")


def scope_label(tokens: list[str]) -> str:
    """``['2', '3']`` → ``Cat 2, 3``; ``['GTN', 'All']`` → ``GTN, All``; ``['GSN', '5']`` → ``GSN, Cat 5``."""
    categories = [token for token in tokens if token.isdigit()]
    others = [token for token in tokens if not token.isdigit()]
    parts = [*others]
    if categories:
        parts.append("Cat " + ", ".join(categories))
    return ", ".join(parts)


def _definition_from_head(line: str) -> list[Definition] | None:
    match = _DEFINITION_HEAD.match(line)
    if not match:
        return None
    term = " ".join(match["term"].split())
    groups_text, rest = match["groups"], match["rest"]
    if not groups_text:
        tail = _TERM_TAIL.match(rest)
        if tail:
            term = f"{term} {tail['tail']}"
            groups_text, rest = tail["groups"], rest[tail.end() :]
    aliases: list[str] = []
    qualifiers: list[str] = []
    scope = ""
    after_scope: list[str] = []
    for group in _GROUP.finditer(groups_text):
        inner = group.group(1).strip()
        tokens = inner.split()
        alias = _ALIAS.match(inner)
        if scope:
            after_scope.append(group.group(0))
        elif tokens and all(_SCOPE_TOKEN.match(token) for token in tokens):
            scope = scope_label(tokens)
        elif alias:
            aliases.append(alias.group(1))
        else:
            qualifiers.append(inner)
    if qualifiers:
        term = f"{term} ({'; '.join(qualifiers)})"
    text = " ".join([*after_scope, rest.strip()]).strip()
    return [Definition(term_as_used(name), text, scope) for name in [term, *aliases]]


def parse_definitions(text: str) -> list[Definition]:
    """Definitions of a "Definitions of Terms" text: a line opening with a "quoted term" starts a
    definition; following lines (lettered sub-paragraphs, N.B., technical notes) continue it."""
    definitions: list[Definition] = []
    current: list[Definition] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        head = _definition_from_head(line)
        if head is not None:
            definitions.extend(current)
            current = head
        elif current:
            current = [Definition(d.term, f"{d.text}\n{line}".strip(), d.scope) for d in current]
    definitions.extend(current)
    return definitions


def parse_documents(
    context: SourceContext, file: str, docs: list[Any], geas: list[Any], gea_common_list: str
) -> tuple[list[Document], list[Definition]]:
    """Every general text as a Document, and the Annex I definitions parsed out of theirs."""
    documents: list[Document] = []
    definitions: list[Definition] = []
    for position, raw in enumerate(docs):
        place = f"docs[{position}]"
        doc = take_object(file, raw, place)
        kind = take(file, doc, "doc_type", str, place)
        title = take(file, doc, "title", str, place)
        text = take(file, doc, "verbatim_text", str, place)
        warn_leftovers(context, file, doc, place)
        documents.append(Document(kind, title, text))
        if kind == DEFINITIONS_DOC:
            found = parse_definitions(text)
            if not found:
                context.warn(file, place, "no definitions found in the definitions document")
            definitions.extend(found)
    if not definitions:
        context.warn(file, "docs", f"no {DEFINITIONS_DOC!r} document: the edition has no definitions")
    for position, raw in enumerate(geas):
        place = f"geas[{position}]"
        gea = take_object(file, raw, place)
        code = take(file, gea, "id", str, place)
        title = take(file, gea, "title", str, place)
        text = take(file, gea, "verbatim_text", str, place)
        warn_leftovers(context, file, gea, place)
        documents.append(Document(GEA_KIND, title if title.startswith(code) else f"{code} — {title}", text))
    documents.append(Document(GEA_COMMON_KIND, GEA_COMMON_TITLE, gea_common_list))
    return documents, definitions
