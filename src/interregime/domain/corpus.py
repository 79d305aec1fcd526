"""Control lists, their editions, entries, items, notes, definitions and cross-references."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from interregime.domain.regimes import Regime


class ListKind(StrEnum):
    """Who publishes a list: a regime, a state, or a union of states (the EU)."""

    REGIME = "regime"
    NATIONAL = "national"
    SUPRANATIONAL = "supranational"


@dataclass(frozen=True, slots=True)
class ControlList:
    """A control list as published by a regime or a state (``eu-annex-i``, ``us-ccl``...)."""

    id: str
    title: str
    kind: ListKind
    authority: str
    regime: Regime | None = None


@dataclass(frozen=True, slots=True)
class Edition:
    """One published version of a list, with the provenance of the file it was parsed from."""

    list_id: str
    date: dt.date
    title: str
    source_file: str
    sha256: str
    source_url: str = ""

    @property
    def key(self) -> str:
        return f"{self.list_id}@{self.date.isoformat()}"


class NoteKind(StrEnum):
    """Kinds of text attached to an item; a decontrol note says what the item does not control."""

    NOTE = "note"
    TECHNICAL_NOTE = "technical note"
    NB = "n.b."
    DECONTROL = "decontrol note"
    LICENCE = "licence requirement"
    RELATED = "related controls"
    DEFINITION = "related definitions"


@dataclass(slots=True)
class Note:
    """A note, technical note, N.B. or decontrol note, with its label as printed (``Note 2``)."""

    kind: NoteKind
    text: str
    label: str = ""


@dataclass(slots=True)
class Item:
    """One dotted sub-paragraph of an entry; the entry's own heading is the item of depth 0."""

    code: str
    text: str
    parent: str | None = None
    depth: int = 0
    native_code: str = ""
    notes: list[Note] = field(default_factory=list)
    defined_terms: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class NativeCode:
    """An entry's number in a regime's own list (MTCR 11.D.1, NSG Part 2 5.D.2, WA 2.B.1)."""

    regime: Regime
    code: str
    source: str
    date: dt.date | None = None


@dataclass(slots=True)
class Entry:
    """A top-level control entry (2B001, 2.B.1, ML10, an ECCN)."""

    code: str
    heading: str
    category: str
    regime: Regime | None
    eu_code: str = ""
    items: list[Item] = field(default_factory=list)
    native_codes: list[NativeCode] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def item(self, code: str) -> Item | None:
        for item in self.items:
            if item.code == code:
                return item
        return None

    def children(self, code: str) -> list[Item]:
        return [item for item in self.items if item.parent == code]

    def subtree(self, code: str) -> list[Item]:
        prefix = code + "."
        return [item for item in self.items if item.code == code or item.code.startswith(prefix)]


@dataclass(frozen=True, slots=True)
class Definition:
    """A defined term (``"numerical control"``) with its definition text and scope."""

    term: str
    text: str
    scope: str = ""


class XRefKind(StrEnum):
    """How one entry points to another: N.B. see also, an "other than" carve-out, CCL Related Controls, or a
    plain mention of its code."""

    SEE_ALSO = "see also"
    OTHER_THAN = "other than"
    RELATED_CONTROL = "related control"
    REFERENCE = "reference"


@dataclass(frozen=True, slots=True)
class CrossReference:
    """A reference from an item of one entry to another entry (of the same list unless ``to_list``)."""

    from_code: str
    to_code: str
    kind: XRefKind
    text: str = ""
    to_list: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """A general text of an edition: general notes, statements of understanding, acronyms."""

    kind: str
    title: str
    text: str


@dataclass(slots=True)
class EditionContent:
    """Everything parsed from one edition; the unit that storage saves atomically."""

    control_list: ControlList
    edition: Edition
    entries: list[Entry] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    cross_references: list[CrossReference] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)

    def entry(self, code: str) -> Entry | None:
        for entry in self.entries:
            if entry.code == code:
                return entry
        return None

    @property
    def item_count(self) -> int:
        return sum(len(entry.items) for entry in self.entries)

    @property
    def note_count(self) -> int:
        return sum(len(item.notes) for entry in self.entries for item in entry.items)
