"""The item and note tree of one Wassenaar list section (a dual-use category or the Munitions List).

Items are labelled a., 1., a., 1. ... at depths 1, 2, 3, 4 ...: letters at odd depths, numbers at
even ones. A page often restates the full code (``2. B. 5. b. Ion implantation ...``); otherwise
a label continues the open level whose last label precedes it, or opens a child level. When two
open levels could take a label, the one whose labels stood nearest in x wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from interregime.domain.corpus import Document, Entry, Item, Note, NoteKind
from interregime.domain.regimes import Regime
from interregime.ingest.control_text import is_decontrol, parse_note
from interregime.ingest.pdf_text import PdfLine, join_text

DUAL_USE_ANCHOR = re.compile(
    r"^(?P<entry>\d\. [A-E]\. \d{1,2})\.(?P<labels>(?: (?:[a-z]{1,2}|\d{1,2})\.)*)(?:\s+(?P<text>.*))?$"
)
MUNITIONS_ANCHOR = re.compile(
    r"^(?P<entry>ML\d{1,2})\.(?P<labels>(?: ?(?:[a-z]{1,2}|\d{1,2})\.)*)(?:\s+(?P<text>.*))?$"
)
# "2. B. TEST, INSPECTION AND PRODUCTION EQUIPMENT", "5. C. Part 1. MATERIALS - None".
GROUP_HEADING = re.compile(
    r"^(?P<group>\d\. [A-E]\.)(?: Part \d\.)? (?P<title>[A-Z][A-Z ,&\-–\"]+?)(?: - None)?$"
)
# A sub-section title ("OPTICAL SENSORS", "MAGNETIC AND ELECTRIC FIELD SENSORS", 'CRYPTOGRAPHIC
# "INFORMATION SECURITY"') stands alone on its line, set anywhere between the margin and the text.
SUB_HEADING = re.compile(r"^[A-Z][A-Z ,&'\"\-–]*[A-Z\"]$")
_LABEL = re.compile(r"^(?P<label>[a-z]{1,2}|\d{1,2})\.(?:\s+(?P<text>.*))?$")
_SHORT_ENTRY = re.compile(r"^(?P<number>\d{1,2})\.\s+(?P<text>.*)$")
# Under a group heading an entry may be written by its number alone, set in from the margin.
_SHORT_ENTRY_X = (115.0, 135.0)
_HEADING_MAX_X = 100.0
_CONTINUED = re.compile(r"^cont(?:inued)?\.?\s*", re.IGNORECASE)
_NEW_CHILD_INDENT = 22.0
_UNKNOWN_X_DISTANCE = 12.0

Warn = Callable[[str, str], None]


def successor(label: str) -> str:
    if label.isdigit():
        return str(int(label) + 1)
    if label[-1] != "z":
        return label[:-1] + chr(ord(label[-1]) + 1)
    return "a" * (len(label) + 1)


def _is_first(label: str) -> bool:
    return label in ("a", "1")


def _fits_depth(label: str, depth: int) -> bool:
    return label.isdigit() == (depth % 2 == 0)


def native_entry_code(spaced: str) -> str:
    return spaced.replace(" ", "")


@dataclass(slots=True)
class _Level:
    label: str
    item: Item
    x: float | None


@dataclass(slots=True)
class _NoteState:
    note: Note
    owner: Item | None
    last_label: dict[bool, tuple[str, float]] = field(default_factory=dict)


class SectionBuilder:
    """Feeds on the body lines of one section, in order; ``finish`` returns its entries and the
    documents (group notes, tables, annexes) that belong to no entry."""

    def __init__(self, category: str, anchor: re.Pattern[str], warn: Warn) -> None:
        self.category = category
        self.anchor = anchor
        self.warn = warn
        self.entries: list[Entry] = []
        self.documents: list[Document] = []
        self._entry: Entry | None = None
        self._stack: list[_Level] = []
        self._note: _NoteState | None = None
        self._parts: dict[int, tuple[Item | Note | Document, list[str]]] = {}
        self._document: Document | None = None
        self._depth_x: dict[int, float] = {}
        self._group = ""
        self._group_note: Document | None = None

    def add(self, line: PdfLine) -> None:
        text = line.text
        if self._document is not None:
            self._append(self._document, text)
            return
        group = GROUP_HEADING.match(text)
        if group and self.anchor is DUAL_USE_ANCHOR:
            self._close_entry()
            self._group = native_entry_code(group["group"]).rstrip(".")
            return
        anchor = self.anchor.match(text)
        if anchor and self._accepts_anchor(anchor, line):
            self._place_anchor(anchor, line)
            return
        if self._short_entry(line):
            return
        if (line.x < _HEADING_MAX_X and _is_capital_heading(text)) or is_sub_heading(text):
            return
        head = parse_note(text)
        if head is not None:
            self._open_note(head.kind, head.label, head.text, line)
            return
        label = _LABEL.match(text)
        if label and self._place_label(label["label"], label["text"] or "", line):
            return
        target = self._target()
        if target is None:
            self.warn(line.place, f"text outside any entry: {text[:80]!r}")
            return
        self._append(target, text)

    def start_document(self, kind: str, title: str) -> None:
        """Everything from here to the end of the section is one document (a table, an annex)."""
        self._close_entry()
        self._document = Document(kind, title, "")
        self.documents.append(self._document)
        self._parts[id(self._document)] = (self._document, [])

    def finish(self) -> tuple[list[Entry], list[Document]]:
        self._close_entry()
        for target, parts in self._parts.values():
            text = join_text(parts)
            if isinstance(target, Document):
                index = self.documents.index(target)
                self.documents[index] = Document(target.kind, target.title, text)
            else:
                target.text = text
        for entry in self.entries:
            entry.heading = entry.items[0].text
            for item in entry.items:
                for note in item.notes:
                    _settle_note_kind(note)
        return self.entries, self.documents

    def _target(self) -> Item | Note | Document | None:
        if self._entry is None:
            return self._group_note
        if self._note is not None:
            return self._note.note
        if self._stack:
            return self._stack[-1].item
        if self._entry is not None:
            return self._entry.items[0]
        return None

    def _append(self, target: Item | Note | Document, text: str) -> None:
        key = id(target)
        if key not in self._parts:
            self._parts[key] = (target, [])
        self._parts[key][1].append(text)

    def _short_entry(self, line: PdfLine) -> bool:
        match = _SHORT_ENTRY.match(line.text)
        if not match or not self._group or not _SHORT_ENTRY_X[0] <= line.x <= _SHORT_ENTRY_X[1]:
            return False
        if self._entry is None:
            if self._group_note is not None or (match["number"] != "1" and not self._group_entries()):
                return False
        elif not self._entry.code.startswith(self._group + "."):
            return False
        numbers = [int(entry.code.rsplit(".", 1)[1]) for entry in self._group_entries()]
        if self._entry is not None:
            numbers.append(int(self._entry.code.rsplit(".", 1)[1]))
        if int(match["number"]) != (max(numbers) + 1 if numbers else 1):
            return False
        spaced = f"{self._group.replace('.', '. ')}. {match['number']}. {match['text']}"
        anchor = self.anchor.match(spaced)
        if anchor is None:
            return False
        self._place_anchor(anchor, line)
        return True

    def _group_entries(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.code.startswith(self._group + ".")]

    def _accepts_anchor(self, match: re.Match[str], line: PdfLine) -> bool:
        code = native_entry_code(match["entry"])
        if self._entry is not None and code == self._entry.code:
            return bool(match["labels"].strip()) or bool(match["text"])
        if self.anchor is MUNITIONS_ANCHOR:
            # "ML21." may open a continuation line; a new ML entry has its heading text.
            current = int(self._entry.code[2:]) if self._entry else 0
            return int(code[2:]) > current and bool(match["text"]) and not match["text"][:1].islower()
        return True

    def _place_anchor(self, match: re.Match[str], line: PdfLine) -> None:
        code = native_entry_code(match["entry"])
        if self._entry is None or self._entry.code != code:
            self._close_entry()
            if self.entries and self.entries[-1].code == code:
                self._entry = self.entries.pop()
                self.warn(line.place, f"entry {code} continued after a heading; text appended")
            else:
                self._entry = Entry(code, "", self.category, Regime.WA)
                if self.anchor is DUAL_USE_ANCHOR:
                    self._group = code.rsplit(".", 1)[0]
                self._entry.items.append(Item(code, "", None, 0))
        self._note = None
        labels = [part for part in match["labels"].replace(" ", "").split(".") if part]
        self._stack = []
        for label in labels:
            self._push(label, None)
        self._append(self._stack[-1].item if self._stack else self._entry.items[0], match["text"] or "")

    def _push(self, label: str, x: float | None) -> Item:
        assert self._entry is not None
        parent = self._stack[-1].item.code if self._stack else self._entry.code
        code = f"{parent}.{label}"
        item = self._entry.item(code)
        if item is None:
            item = Item(code, "", parent, len(self._stack) + 1)
            self._entry.items.append(item)
        self._stack.append(_Level(label, item, x))
        if x is not None:
            self._depth_x[len(self._stack)] = x
        return item

    def _candidates(self, label: str, x: float) -> list[tuple[float, int]]:
        """(distance in x, depth) of every open level the label may continue or open."""
        found: list[tuple[float, int]] = []
        for index, level in enumerate(self._stack):
            depth = index + 1
            if _fits_depth(label, depth) and successor(level.label) == label:
                found.append((self._distance(depth, level.x, x), depth))
        child = len(self._stack) + 1
        if _is_first(label) and _fits_depth(label, child) and self._entry is not None:
            expected = self._depth_x.get(child)
            if expected is None and self._stack and self._stack[-1].x is not None:
                expected = (self._stack[-1].x or 0.0) + _NEW_CHILD_INDENT
            found.append((self._distance(child, expected, x), child))
        return sorted(found)

    def _distance(self, depth: int, level_x: float | None, x: float) -> float:
        reference = level_x if level_x is not None else self._depth_x.get(depth)
        return abs(reference - x) if reference is not None else _UNKNOWN_X_DISTANCE

    def _place_label(self, label: str, text: str, line: PdfLine) -> bool:
        candidates = self._candidates(label, line.x)
        if self._note is not None and self._belongs_to_note(label, line, candidates):
            return True
        if not candidates:
            return False
        depth = candidates[0][1]
        del self._stack[depth - 1 :]
        self._note = None
        item = self._push(label, line.x)
        self._append(item, text)
        return True

    def _belongs_to_note(self, label: str, line: PdfLine, candidates: list[tuple[float, int]]) -> bool:
        """A labelled line inside a note continues the note's own list unless it clearly opens or
        continues an item level; if it stays in the note, it is added to it here."""
        assert self._note is not None
        state = self._note
        kind = label.isdigit()
        previous = state.last_label.get(kind)
        continues_note = previous is not None and successor(previous[0]) == label
        note_distance = abs(previous[1] - line.x) if previous else _UNKNOWN_X_DISTANCE
        opens_note_list = _is_first(label) and self._ends_with_colon(state.note)
        opens_item_list = not _is_first(label) or self._ends_with_colon(self._owner())
        if candidates and not continues_note and not opens_note_list and opens_item_list:
            return False
        if candidates and continues_note and candidates[0][0] + 3.0 < note_distance:
            return False
        if continues_note or _is_first(label):
            state.last_label[kind] = (label, line.x)
        self._append(state.note, line.text)
        return True

    def _owner(self) -> Item | None:
        if self._stack:
            return self._stack[-1].item
        return self._entry.items[0] if self._entry else None

    def _ends_with_colon(self, target: Item | Note | None) -> bool:
        """Whether ``target`` announces a list and has none yet."""
        if target is None or self._entry is None:
            return False
        if isinstance(target, Item) and self._entry.children(target.code):
            return False
        parts = self._parts.get(id(target))
        return bool(parts and parts[1] and parts[1][-1].rstrip().endswith(":"))

    def _open_note(self, kind: NoteKind, label: str, text: str, line: PdfLine) -> None:
        owner = self._owner()
        continued = _CONTINUED.match(text)
        if continued and owner is not None:
            for note in reversed(owner.notes):
                if note.label == label:
                    self._note = _NoteState(note, owner)
                    self._append(note, text[continued.end() :])
                    return
        if continued and owner is None and self._group_note is not None:
            self._append(self._group_note, text[continued.end() :])
            return
        note = Note(kind, "", label)
        self._note = _NoteState(note, owner)
        if owner is not None:
            owner.notes.append(note)
        else:
            title = f"{self._group or self.category} {label}".strip()
            document = Document("group note", title, "")
            self.documents.append(document)
            self._parts[id(document)] = (document, [])
            self._note = None
            self._group_note = document
            self._append(document, text)
            return
        self._append(note, text)

    def _close_entry(self) -> None:
        if self._entry is not None:
            self.entries.append(self._entry)
        self._entry = None
        self._stack = []
        self._note = None
        self._group_note = None


def is_sub_heading(text: str) -> bool:
    """Whether a line is a title of its own: capitals only, more than three letters, no figures and no
    closing punctuation (which a wrapped line of text such as "(MSPS);" or "IEEE-754." has)."""
    return SUB_HEADING.match(text) is not None and _is_capital_heading(text)


def _is_capital_heading(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) > 3 and all(char.isupper() for char in letters)


def _settle_note_kind(note: Note) -> None:
    if note.kind is NoteKind.NOTE and is_decontrol(note.text):
        note.kind = NoteKind.DECONTROL
