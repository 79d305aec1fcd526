"""The searchable unit: one item line of one list, with the words around it that give it meaning
(its parent lines, the entry heading, attached notes and the definitions of the terms it uses)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from interregime.domain.codes import EU_ENTRY, entry_code
from interregime.domain.corpus import EditionContent, Entry, Item, NoteKind

_DEFINITION_WORDS = 40
_NOTE_WORDS = 60
_DENSE_CHARS = 600
# Notes that only say where else to look, or that a licence is needed, carry no product words.
_SKIPPED_NOTES = (NoteKind.LICENCE,)
_CODE_LIKE = re.compile(r"\b\d[A-E]\d{3}(?:\.[a-z0-9.]+)?\b|\b\d\.[A-E]\.\d+(?:\.[a-z0-9.]+)?\b")


@dataclass(frozen=True, slots=True)
class ItemDocument:
    """One indexed item line; ``group`` is the key under which implementations of one regime entry
    meet (the EU-style code), ``entry`` the EU-style code shown to users ("" when there is none)."""

    list_id: str
    entry_code: str
    item_code: str
    entry: str
    group: str
    regime: str
    heading: str
    text: str
    parents: tuple[str, ...]
    notes: str
    definitions: str
    references: str
    depth: int

    @property
    def context(self) -> str:
        """The parent lines, outermost first, as one text."""
        return " ".join(self.parents)

    def dense_parts(self) -> tuple[str, tuple[str, ...], str]:
        """What the sentence encoder reads, one short text at a time: the line, its parent lines and
        the entry heading ("" when the line is the heading), without list codes."""
        parents = tuple(text for text in (_dense(parent) for parent in self.parents) if text)
        heading = _dense(self.heading) if self.heading and self.heading not in self.parents else ""
        return _dense(self.text), parents, heading


def _dense(text: str) -> str:
    return _CODE_LIKE.sub(" ", text)[:_DENSE_CHARS].strip()


def _clip(text: str, limit: int) -> str:
    parts = text.split()
    return " ".join(parts[:limit])


def _uses_eu_numbering(content: EditionContent) -> bool:
    """Whether the list numbers its entries like the EU list (the US CCL does; SCOMET does not), so
    that an entry without an EU-style equivalent may be shown under its own code."""
    mapped = [entry for entry in content.entries if entry.eu_code]
    if not mapped:
        return False
    same = sum(1 for entry in mapped if entry.eu_code == entry.code)
    return same >= 0.9 * len(mapped)


def _ancestors(entry: Entry, item: Item, by_code: dict[str, Item]) -> list[Item]:
    chain: list[Item] = []
    parent = item.parent
    while parent and parent in by_code and len(chain) < 6:
        chain.append(by_code[parent])
        parent = by_code[parent].parent
    return list(reversed(chain))


def _definitions(terms: Iterable[str], glossary: dict[str, str]) -> str:
    texts = [f"{term}: {_clip(glossary[term.lower()], _DEFINITION_WORDS)}" for term in dict.fromkeys(terms)
             if term.lower() in glossary]
    return " ".join(texts)


def _referenced_headings(text: str, own: str, headings: dict[str, str]) -> str:
    """Headings of the entries a line points to ("software for equipment specified in 2B001"), so
    that software and technology entries carry the words of the goods they serve."""
    codes = dict.fromkeys(entry_code(code) for code in _CODE_LIKE.findall(text))
    return " ".join(headings[code] for code in codes if code != own and code in headings)


def edition_documents(content: EditionContent) -> list[ItemDocument]:
    list_id = content.control_list.id
    eu_numbering = _uses_eu_numbering(content)
    glossary = {d.term.lower(): d.text for d in content.definitions}
    headings = {entry.code: _clip(entry.heading, _NOTE_WORDS) for entry in content.entries}
    documents: list[ItemDocument] = []
    for entry in content.entries:
        shown = entry.eu_code or (entry.code if eu_numbering and EU_ENTRY.match(entry.code) else "")
        group = shown or f"{list_id}:{entry.code}"
        regime = entry.regime.value if entry.regime else ""
        by_code = {item.code: item for item in entry.items}
        items = entry.items or [Item(entry.code, entry.heading)]
        for item in items:
            chain = _ancestors(entry, item, by_code)
            parents = tuple(parent.text for parent in chain if parent.text != entry.heading or parent.depth)
            notes = " ".join(_clip(note.text, _NOTE_WORDS) for note in item.notes if note.kind not in _SKIPPED_NOTES)
            terms = [*item.defined_terms, *(term for parent in chain for term in parent.defined_terms)]
            documents.append(ItemDocument(
                list_id=list_id, entry_code=entry.code, item_code=item.code, entry=shown, group=group,
                regime=regime, heading=entry.heading if item.depth else "", text=item.text or entry.heading,
                parents=parents, notes=notes, definitions=_definitions(terms, glossary),
                references=_referenced_headings(item.text, entry.code, headings), depth=item.depth,
            ))
    return documents
