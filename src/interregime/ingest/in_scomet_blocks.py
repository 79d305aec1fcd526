"""The state of the SCOMET body reader: what text is open, the entry being read, and the
helpers that place a sub-paragraph label in an entry's tree."""

from __future__ import annotations

from dataclasses import dataclass, field

from interregime.domain.corpus import Entry, Item, Note
from interregime.ingest.in_scomet_numbering import Label
from interregime.ingest.in_scomet_pages import Line


@dataclass
class OpenText:
    """What continuation lines are added to: an item's text or a note's text."""

    lines: list[Line]
    item: Item
    note: Note | None = None
    note_labels: list[tuple[Label, float]] = field(default_factory=list)
    note_x: float = 0.0


@dataclass
class Block:
    """An entry being read (real, or a group heading that may turn out to hold entries)."""

    entry: Entry
    is_group: bool
    texts: dict[int, list[Line]] = field(default_factory=dict)
    stack: list[tuple[Label, Item]] = field(default_factory=list)
    notes: dict[int, list[Line]] = field(default_factory=dict)
    label_x: dict[str, float] = field(default_factory=dict)


def level_for(block: Block, label: Label) -> int | None:
    """The depth of the stack at which ``label`` opens a sub-paragraph, None when it fits nowhere."""
    for level in range(len(block.stack) - 1, -1, -1):
        if label.follows(block.stack[level][0]):
            return level
    if label.is_first:
        return len(block.stack)
    for level in range(len(block.stack) - 1, -1, -1):
        if block.stack[level][0].style == label.style:
            return level
    return None


def previous_alpha(block: Block) -> Label | None:
    for label, _item in reversed(block.stack):
        if label.style.startswith("alpha"):
            return label
    return None


def opens(label: Label, rest: str) -> bool:
    """Whether a label after an entry code opens the entry's first sub-paragraph."""
    return label.is_first or rest[:1].isupper() or rest[:1] in "\"“‘'"


def entry_text(entry: Entry) -> str:
    parts: list[str] = []
    for item in entry.items:
        if item.depth:
            parts.append(f"{item.native_code}. {item.text}".strip())
        elif item.text:
            parts.append(item.text)
        parts.extend(f"{note.label} {note.text}".strip() for note in item.notes)
    return "\n".join(parts)


def fold_numbered_heading(entry: Entry) -> None:
    """An entry printed as "8B201 1. Machine tools ..., as follows:" with no "2." after it numbers
    its own heading: the lone "1." is the heading, its notes are the entry's, and its
    sub-paragraphs ("8B201.1.a") are the entry's own ("8B201.a")."""
    root = entry.items[0]
    top = entry.children(root.code)
    lone = f"{root.code}.1"
    if root.text or not any(item.code == lone for item in top) or any(item.code == f"{root.code}.2" for item in top):
        return
    first = entry.item(lone)
    assert first is not None
    renamed = {
        item.code: root.code + item.code[len(lone) :] for item in entry.items if item.code.startswith(lone + ".")
    }
    if any(entry.item(code) is not None for code in renamed.values()):
        return  # both "8B201.1.a" and "8B201.a": the "1." is a real sub-paragraph
    root.text = first.text
    root.notes.extend(first.notes)
    entry.items.remove(first)
    for item in entry.items[1:]:
        if item.code in renamed:
            item.code = renamed[item.code]
            item.depth -= 1
        if item.parent is not None:
            item.parent = root.code if item.parent == lone else renamed.get(item.parent, item.parent)
