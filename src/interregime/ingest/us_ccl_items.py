"""Item paragraphs of an ECCN from the structured eCFR extract (seelpeed ``items``): rows of kind
``item`` (labelled paragraphs), ``note`` (numbered note sub-paragraphs) and ``text`` (notes and
licence text whose labels the extract dropped)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from interregime.domain.corpus import Item, Note, NoteKind
from interregime.ingest.context import SourceError
from interregime.ingest.us_ccl_text import item_label, note_kind

_LICENCE_TEXT = re.compile(
    r"^(?:Yes\b|N/A\b|\$\d|LVS:|GBS:|STA:|TSR:|IEC:|NAC|(?:NS|NP|MT|CB|CW|RS|AT|CC|SL|FC|UN|SS|EI) applies|"
    r"License (?:Requirement|Exception)|Special Conditions|See § ?74[0-9]\.\d+\S* of the EAR for (?:license|reporting))"
)
_PREFIX = re.compile(r"^(?P<label>(?:Technical\s+)?Notes?(?:\s+\d+)?(?:\s+to\s+[^:]{1,40})?|N\.B\.(?:\s*\d+)?):\s*")
_REASONS_TEXT = re.compile(r"^Reasons? for Control:\s*(?P<reasons>.+)$")
_SECTION_TEXT = re.compile(r"^(?P<name>Related Controls?|Related Definitions?):\s*(?P<rest>.*)$", re.DOTALL)
_ENUMERATION = re.compile(r"^\((?:\d+|[ivx]+|[a-z])\)\s")
_COMPARABLE = re.compile(r"[^a-z0-9]+")
_LIST_INTRODUCTION = re.compile(r"(?::|\bfollowing\b.*|\bparagraphs a\..*)$", re.DOTALL)


@dataclass
class StructuredItems:
    items: list[Item]
    reasons: str = ""
    related_controls: str = ""
    related_definitions: str = ""
    leading_notes: int = 0
    unplaced: list[str] = field(default_factory=list)


def _row(file: str, place: str, row: object) -> tuple[str | None, str, int, str]:
    if not isinstance(row, dict):
        raise SourceError(file, place, f"expected an object, found {type(row).__name__}")
    try:
        paragraph, kind, depth, text = row.pop("paragraph"), row.pop("kind"), row.pop("depth"), row.pop("text")
    except KeyError as missing:
        raise SourceError(file, f"{place}.{missing.args[0]}", "missing key") from None
    if row:
        raise SourceError(file, place, f"unknown keys {', '.join(sorted(row))}")
    if kind not in ("item", "note", "text") or not isinstance(text, str) or not isinstance(depth, int):
        raise SourceError(file, place, f"unexpected row kind {kind!r} or types of depth/text")
    if paragraph is not None and not isinstance(paragraph, str):
        raise SourceError(file, f"{place}.paragraph", "expected a string or null")
    return paragraph, kind, depth, text.strip()


def _label_key(part: str) -> tuple[int, str]:
    return (int(part), "") if part.isdigit() else (len(part), part)


def _follows(previous: str, part: str) -> bool:
    if previous.isdigit() and part.isdigit():
        return int(part) == int(previous) + 1
    return len(part) == 1 and len(previous) == 1 and ord(part) == ord(previous) + 1


def similar(one: str, other: str) -> bool:
    a, b = comparable(one), comparable(other)
    return a[:40] == b[:40] or (SequenceMatcher(None, a, b).quick_ratio() > 0.8 and \
        SequenceMatcher(None, a, b).ratio() > 0.6)


def comparable(text: str) -> str:
    return _COMPARABLE.sub("", text.lower().replace("’", "'"))


class _Builder:
    def __init__(self, code: str, heading: Item, reference: dict[str, str]) -> None:
        self.code = code
        self.items = [heading]
        self.by_code = {code: heading}
        self.last_child: dict[str, str] = {}
        self.note: Note | None = None
        self.note_list: list[str] | None = None
        self.reference = reference

    def parent_of(self, label: str) -> str:
        """The nearest existing ancestor: the extract sometimes lacks an intermediate paragraph."""
        labels = label.split(".")
        for cut in range(len(labels) - 1, 0, -1):
            candidate = ".".join([self.code, *labels[:cut]])
            if candidate in self.by_code:
                return candidate
        return self.code

    def in_sequence(self, label: str) -> bool:
        """A new code that comes after the last child of its parent paragraph."""
        if f"{self.code}.{label}" in self.by_code:
            return False
        nominal = ".".join([self.code, *label.split(".")[:-1]])
        previous = self.last_child.get(nominal)
        part = label.split(".")[-1]
        if previous is None:
            return True
        if previous.isdigit() != part.isdigit():
            return False
        return _label_key(part) > _label_key(previous)

    def add_item(self, label: str, text: str) -> None:
        labels = label.split(".")
        for cut in range(1, len(labels)):
            ancestor = ".".join(labels[:cut])
            code = f"{self.code}.{ancestor}"
            if code not in self.by_code and code in self.reference:
                self._append(ancestor, self.reference[code])
        self._append(label, text)

    def _append(self, label: str, text: str) -> None:
        parent = self.parent_of(label)
        item = Item(code=f"{self.code}.{label}", text=text, parent=parent, depth=len(label.split(".")))
        self.items.append(item)
        self.by_code[item.code] = item
        nominal = ".".join([self.code, *label.split(".")[:-1]])
        self.last_child[nominal] = label.split(".")[-1]
        self.note = None
        self.note_list = None

    def place_label(self, label: str, text: str) -> None:
        """An item row: a real item, or a sub-paragraph of the open note (which the extract labels alike)."""
        code = f"{self.code}.{label}"
        valid = self.in_sequence(label)
        if valid and code in self.reference and similar(text, self.reference[code]):
            self.add_item(label, text)
            return
        if self.note_list and "." not in label and _follows(self.note_list[-1], label):
            self.note_list.append(label)
            self.extend_note(f"{label}. {text}")
            return
        first = label in ("a", "1")
        opens_list = (self.note is not None and self.note.kind is not NoteKind.LICENCE and first
                      and _LIST_INTRODUCTION.search(self.note.text.rstrip()) is not None)
        if not valid or opens_list:
            self.note_list = [label] if first else None
            self.extend_note(f"{label}. {text}")
            return
        self.add_item(label, text)

    def add_note(self, text: str, kind: NoteKind | None = None, label: str = "", target: Item | None = None) -> None:
        prefix = _PREFIX.match(text)
        if prefix and kind is None:
            label, text = prefix["label"], text[prefix.end():]
        self.note = Note(kind or note_kind(label, text), text, label)
        self.note_list = None
        (target or self.items[-1]).notes.append(self.note)

    def extend_note(self, text: str) -> None:
        if self.note is None:
            self.add_note(text)
        else:
            self.note.text = f"{self.note.text}\n{text}"


def structured_items(file: str, place: str, code: str, heading: Item, raw: object,
                     reference: dict[str, str] | None = None) -> StructuredItems:
    """``reference`` maps item codes to their text in another edition; a labelled row whose text
    matches is an item for sure, which tells items from the labelled sub-paragraphs of notes."""
    if not isinstance(raw, list):
        raise SourceError(file, place, f"expected a list, found {type(raw).__name__}")
    rows = [_row(file, f"{place}[{index}]", row) for index, row in enumerate(raw)]
    builder = _Builder(code, heading, reference or {})
    result = StructuredItems(builder.items)
    for paragraph, kind, _depth, text in rows:
        if not text:
            continue
        if len(builder.items) == 1 and not (kind == "item" and paragraph and builder.in_sequence(paragraph)):
            _leading(builder, result, paragraph, kind, text)
        elif kind == "item" and paragraph is not None:
            builder.place_label(paragraph, text)
        elif kind == "note":
            if paragraph == "1" or builder.note is None:
                builder.add_note(f"{paragraph}. {text}" if paragraph else text)
            else:
                builder.extend_note(f"{paragraph}. {text}")
        else:
            labelled = item_label(text)
            if labelled and builder.in_sequence(labelled[0]):
                builder.add_item(*labelled)
            elif (_ENUMERATION.match(text) or builder.note_list) and builder.note is not None:
                builder.extend_note(text)
            else:
                builder.add_note(text)
    result.leading_notes = len(heading.notes)
    return result


def _leading(builder: _Builder, result: StructuredItems, paragraph: str | None, kind: str, text: str) -> None:
    """Rows before the first item: licence text, the Related Controls/Definitions the extract left
    in the items, and notes on the heading."""
    heading = builder.items[0]
    reasons = _REASONS_TEXT.match(text)
    section = _SECTION_TEXT.match(text)
    if reasons:
        result.reasons = reasons["reasons"]
    elif section:
        if section["name"].startswith("Related Control"):
            result.related_controls = section["rest"]
        else:
            result.related_definitions = section["rest"]
    elif text == "Items:":
        return
    elif kind == "note":
        builder.add_note(f"{paragraph}. {text}" if paragraph else text, target=heading)
    elif kind == "item" or _ENUMERATION.match(text):
        builder.extend_note(f"{paragraph}. {text}" if paragraph else text)
    elif _LICENCE_TEXT.match(text):
        builder.add_note(text, NoteKind.LICENCE, target=heading)
    else:
        builder.add_note(text, target=heading)
