"""The entries of Norway List II (categories 0-9): entry headings, dotted items and their notes.

Items are placed by their label sequence (``a.`` → ``b.``, or a first child ``a.``/``1.``) and,
when a label could continue more than one level, by the indentation of its line. A list inside a
note (a Technical Note defining a term as "any of the following: 1. … 2. …") stays in the note
while its labels follow on from each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interregime.domain.codes import regime_of_eu_code
from interregime.domain.corpus import Document, Entry, Item, Note, NoteKind
from interregime.ingest.context import SourceContext, SourceError
from interregime.ingest.control_text import is_decontrol, quoted_terms
from interregime.ingest.no_list_ii_pages import PageLine, join_lines

ENTRY_X_MAX = 100.0
NOTE_LIST_SLACK = 4.0
CATEGORY = re.compile(r"^CATEGORY (?P<cat>\d)\s*[-–]\s*\S")
PART = re.compile(r"^Part [12]\s*[-–]\s*\S")
GROUP = re.compile(r"^(?P<grp>\d[A-E]\d?)\s+(?P<title>\D.*)$")
ENTRY = re.compile(r"^(?P<code>\d[A-E]\d{3})\.?(?:\s+(?P<text>.*))?$")
LABEL = re.compile(r"^(?P<label>[a-z]{1,2}|\d{1,2})\.(?:\s+(?P<text>.*))?$")
# A label printed without its full stop ("b Inductance of less than 20 nH.", "12 Clostridium ...").
UNDOTTED_LABEL = re.compile(r"^(?P<label>[a-z]|\d{1,2}) (?P<text>[A-Z\"'].*)$")
UNDOTTED_X_SLACK = 3.0
# Text set apart after an entry, not part of it: the 2E003.f table after 2E301, the "APP" note after 4E001.
FREE_STANDING = re.compile(r"^(?:TABLE|TECHNICAL NOTE ON)\b[^a-z]*$")
NOTE = re.compile(
    r"^(?P<kind>Technical Notes?|Notes?|N\.\s?B\.)\s*(?P<num>\d{1,2})?\s*(?:&\s*\d\s*)?[.:]?(?:\s+(?P<text>.*))?$"
)
CODE_IN_NOTE = re.compile(r"\b(?P<code>\d[A-E]\d{3}(?:\.[a-z0-9]{1,2})*)\.?")


@dataclass
class _Open:
    """An item being read: its code, label, indentation and the lines of its text."""

    item: Item
    label: str
    label_x: float
    text_x: float
    lines: list[str] = field(default_factory=list)


@dataclass
class _OpenNote:
    owner: Item
    kind: NoteKind
    label: str
    lines: list[str]
    x: float
    list_labels: list[str] = field(default_factory=list)
    list_x: float = 0.0


class EntryParser:
    """Feed it the body lines of the category pages, in order; ``entries`` holds the result."""

    def __init__(self, context: SourceContext, file: str) -> None:
        self.context = context
        self.file = file
        self.entries: list[Entry] = []
        self.documents: list[Document] = []
        self._group = ""
        self._group_lines: list[str] = []
        self.category = ""
        self._stack: list[_Open] = []
        self._note: _OpenNote | None = None

    def feed(self, line: PageLine) -> None:
        text = line.text
        if CATEGORY.match(text) and line.x < ENTRY_X_MAX + 50:
            self._close_entry()
            self._group = text
            self.category = CATEGORY.match(text)["cat"]  # type: ignore[index]
            return
        if PART.match(text) and line.x < ENTRY_X_MAX:
            self._close_entry()
            self._group = text
            return
        if FREE_STANDING.match(text) and line.x > ENTRY_X_MAX:
            self._close_entry()
            self._group = text
            return
        if line.x < ENTRY_X_MAX:
            entry = ENTRY.match(text)
            if entry:
                self._open_entry(entry["code"], entry["text"] or "", line)
                return
            if GROUP.match(text):
                self._close_entry()
                self._group = text
                return
        if not self._stack:
            if self._group:
                self._group_lines.append(text)
            else:
                self.context.warn(self.file, line.place, f"text outside any entry: {text[:60]!r}")
            return
        note = NOTE.match(text)
        if note and self._is_note_label(note):
            if self._note is not None and line.x > self._note.x + NOTE_LIST_SLACK:
                self._note.lines.append(text)
            else:
                self._open_note(note, line)
            return
        label = LABEL.match(text)
        if label and self._place_label(label["label"], label["text"] or "", line):
            return
        undotted = UNDOTTED_LABEL.match(text)
        if undotted and self._is_next_sibling(undotted["label"], line.x):
            self._place_label(undotted["label"], undotted["text"], line)
            return
        if self._note is not None:
            self._note.lines.append(text)
        else:
            self._stack[-1].lines.append(text)

    def finish(self) -> list[Entry]:
        self._close_entry()
        return self.entries

    def _is_note_label(self, match: re.Match[str]) -> bool:
        """``Note``/``Notes`` only label a note with a number or a colon ("Notes on…" is prose)."""
        kind = match["kind"]
        if not kind.startswith("Note"):
            return True
        return bool(match["num"]) or match.group(0)[len(kind) :].lstrip()[:1] in (":", "")

    def _open_entry(self, code: str, heading: str, line: PageLine) -> None:
        self._close_entry()
        self._group = ""
        if not self.category or code[0] != self.category:
            raise SourceError(self.file, line.place, f"entry {code} outside its category {self.category or '?'}")
        item = Item(code=code, text="", parent=None, depth=0)
        entry = Entry(code=code, heading="", category=code[0], regime=regime_of_eu_code(code), eu_code=code)
        entry.items.append(item)
        self.entries.append(entry)
        first_item = LABEL.match(heading)
        if first_item and first_item["label"] == "a":
            # 4E001 and 9E101 have no heading: their first line is item a.
            self._stack = [_Open(item, code, line.x, line.x_after_first, [])]
            self._start_item(first_item["label"], first_item["text"] or "", line.x_after_first, -1.0)
            return
        self._stack = [_Open(item, code, line.x, line.x_after_first, [heading] if heading else [])]

    def _place_label(self, label: str, text: str, line: PageLine) -> bool:
        if self._note is not None and self._continues_note_list(label, line.x):
            self._note.lines.append(line.text)
            return True
        candidates = self._candidates(label)
        if not candidates:
            return False
        depth = min(candidates, key=lambda d: abs(self._expected_x(d) - line.x))
        self._close_note()
        while len(self._stack) > depth:
            self._close_item(self._stack.pop())
        self._start_item(label, text, line.x, line.x_after_first)
        nested = LABEL.match(text)
        if nested and nested["label"] in ("a", "1") and nested["text"]:
            # "1. a. Voltage rating ...": an item without text of its own whose first child starts on its line.
            self._stack[-1].lines.clear()
            indent = line.x_after_first - line.x
            self._start_item(nested["label"], nested["text"], line.x_after_first, line.x_after_first + indent)
        return True

    def _start_item(self, label: str, text: str, label_x: float, text_x: float) -> None:
        parent = self._stack[-1].item
        item = Item(code=f"{parent.code}.{label}", text="", parent=parent.code, depth=len(self._stack))
        self.entries[-1].items.append(item)
        self._stack.append(_Open(item, label, label_x, text_x, [text] if text else []))

    def _is_next_sibling(self, label: str, x: float) -> bool:
        """Whether an undotted ``label`` at ``x`` follows an open item's label, printed where that label is."""
        return any(
            _successor(open_item.label) == label and abs(open_item.label_x - x) <= UNDOTTED_X_SLACK
            for open_item in self._stack[1:]
        )

    def _candidates(self, label: str) -> list[int]:
        """Depths at which ``label`` may stand: first child of the current item, or next sibling."""
        depths = [depth for depth in range(1, len(self._stack)) if _successor(self._stack[depth].label) == label]
        if label in ("a", "1"):
            depths.append(len(self._stack))
        return depths

    def _expected_x(self, depth: int) -> float:
        if depth < len(self._stack):
            return self._stack[depth].label_x
        return self._stack[-1].text_x

    def _continues_note_list(self, label: str, x: float) -> bool:
        """Whether ``label`` goes on with a list inside the open note (a nested one included);
        a label left of the note's own label cannot."""
        note = self._note
        assert note is not None
        if x < note.x - NOTE_LIST_SLACK:
            return False
        labels = note.list_labels
        for position in range(len(labels) - 1, -1, -1):
            if _successor(labels[position]) == label:
                del labels[position:]
                labels.append(label)
                note.list_x = x
                return True
        opens_list = not note.lines or note.lines[-1].rstrip().endswith(":")
        # A list set further right than a child of the note's item would stand ("having all of the following;").
        opens_list = opens_list or x > self._stack[-1].text_x + NOTE_LIST_SLACK
        indented = bool(labels) and x > note.list_x + NOTE_LIST_SLACK
        if label in ("a", "1") and (opens_list or indented):
            labels.append(label)
            note.list_x = x
            return True
        return False

    def _open_note(self, match: re.Match[str], line: PageLine) -> None:
        self._close_note()
        kind_text = match["kind"]
        if kind_text.startswith("Technical"):
            kind = NoteKind.TECHNICAL_NOTE
        elif kind_text.startswith("N."):
            kind = NoteKind.NB
        else:
            kind = NoteKind.NOTE
        text = match["text"] or ""
        self._note = _OpenNote(self._stack[-1].item, kind, match["num"] or "", [text] if text else [], line.x)

    def _close_note(self) -> None:
        note = self._note
        if note is None:
            return
        self._note = None
        text = join_lines(note.lines)
        kind = note.kind
        if kind is NoteKind.NOTE and is_decontrol(text):
            kind = NoteKind.DECONTROL
        owner = self._note_owner(note.owner, text)
        owner.notes.append(Note(kind=kind, text=text, label=note.label))

    def _note_owner(self, follows: Item, text: str) -> Item:
        """The item a note is about when it opens by naming an enclosing item ("In 0A001.h. …",
        "0A001.i. does not control …"); otherwise the item it follows."""
        match = CODE_IN_NOTE.search(text[:40])
        if match:
            named = self.entries[-1].item(match["code"])
            if named is not None and (follows.code == named.code or follows.code.startswith(named.code + ".")):
                return named
        return follows

    def _close_item(self, open_item: _Open) -> None:
        item = open_item.item
        item.text = join_lines(open_item.lines)
        item.defined_terms = quoted_terms(item.text)
        if item.depth == 0:
            self.entries[-1].heading = item.text

    def _close_entry(self) -> None:
        if self._group_lines:
            self.documents.append(Document("group note", self._group, "\n".join(self._group_lines)))
            self._group_lines = []
        self._close_note()
        while self._stack:
            self._close_item(self._stack.pop())


def _successor(label: str) -> str:
    if label.isdigit():
        return str(int(label) + 1)
    if label == "z":
        return "aa"
    if len(label) == 1 and label.isalpha():
        return chr(ord(label) + 1)
    return label[:-1] + chr(ord(label[-1]) + 1)
