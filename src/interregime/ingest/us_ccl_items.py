"""Item paragraphs of an ECCN from the structured eCFR extract (seelpeed ``items``): rows of kind
``item`` (labelled paragraphs), ``note`` (numbered note sub-paragraphs) and ``text`` (notes and
licence text whose labels the extract dropped)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
_ENUMERATION = re.compile(r"^\(\d+\)\s")


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


def _start_of_items(rows: list[tuple[str | None, str, int, str]]) -> int:
    """Index where the entry's own item sequence starts: the extract also labels the sub-paragraphs of
    licence notes (1C350 sample shipments) as items, which then repeat the codes of the real items."""
    seen: set[str] = set()
    for index in range(len(rows) - 1, -1, -1):
        paragraph, kind = rows[index][0], rows[index][1]
        if kind != "item" or paragraph is None:
            continue
        if paragraph in seen:
            return index + 1
        seen.add(paragraph)
    return 0


class _Builder:
    def __init__(self, code: str, heading: Item) -> None:
        self.code = code
        self.items = [heading]
        self.by_code = {code: heading}
        self.note: Note | None = None

    def add_item(self, label: str, text: str) -> None:
        labels = label.split(".")
        parent = self.code
        for cut in range(len(labels) - 1, 0, -1):
            candidate = ".".join([self.code, *labels[:cut]])
            if candidate in self.by_code:
                parent = candidate
                break
        item = Item(code=f"{self.code}.{label}", text=text, parent=parent, depth=len(labels))
        self.items.append(item)
        self.by_code[item.code] = item
        self.note = None

    def add_note(self, text: str, kind: NoteKind | None = None, label: str = "", target: Item | None = None) -> None:
        prefix = _PREFIX.match(text)
        if prefix and kind is None:
            label, text = prefix["label"], text[prefix.end():]
        self.note = Note(kind or note_kind(label, text), text, label)
        (target or self.items[-1]).notes.append(self.note)

    def extend_note(self, text: str) -> None:
        if self.note is None:
            self.add_note(text)
        else:
            self.note.text = f"{self.note.text}\n{text}"


def structured_items(file: str, place: str, code: str, heading: Item, raw: object) -> StructuredItems:
    if not isinstance(raw, list):
        raise SourceError(file, place, f"expected a list, found {type(raw).__name__}")
    rows = [_row(file, f"{place}[{index}]", row) for index, row in enumerate(raw)]
    start = _start_of_items(rows)
    builder = _Builder(code, heading)
    result = StructuredItems(builder.items)
    for index, (paragraph, kind, _depth, text) in enumerate(rows):
        if not text:
            continue
        if index < start or not any(row[1] == "item" for row in rows[:index + 1]):
            _leading(builder, result, paragraph, kind, text)
        elif kind == "item" and paragraph is not None:
            builder.add_item(paragraph, text)
        elif kind == "note":
            builder.extend_note(f"{paragraph}. {text}" if paragraph else text)
        else:
            labelled = item_label(text)
            if labelled and f"{code}.{labelled[0]}" not in builder.by_code:
                builder.add_item(*labelled)
            elif _ENUMERATION.match(text) and builder.note is not None:
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
