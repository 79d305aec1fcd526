"""Entries of the EU Annex I file: one ``verbatim_text`` line per dotted sub-paragraph or note, each
prefixed with the item code it belongs to (``2B001.b.2 Five or more axes...``, ``2B001 N.B. SEE ALSO 2B201.``).

Three shapes of the file are not what their codes say, and are read as the printed Annex has them:
- the list of a note ("... is any of the following:") comes as lines coded as children of the note's
  item (``9A106.c.1 Flexible nozzle;``): those lines go into the note;
- table rows labelled ``a.``/``b.`` repeat their item's code (``4A001.a.2 a. Total Dose | ...``): each
  becomes the child item it labels (``4A001.a.2.a``);
- the sub-tree of 1C010.e is coded without its ``e`` (``1C010.1.b.2``): the codes are kept as the file
  has them, but a numbered child of an entry that comes after lettered ones is placed under the last
  lettered one (``1C010.1`` under ``1C010.e``, depth 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from interregime.domain.codes import EU_ENTRY, depth_of, entry_code, parent_code, regime_of_eu_code
from interregime.domain.corpus import CrossReference, Entry, Item, Note, XRefKind
from interregime.ingest.context import SourceContext, SourceError
from interregime.ingest.control_text import TermIndex, code_mentions, parse_note, quoted_terms, sentence_around
from interregime.ingest.json_fields import take, take_object, take_strings, warn_leftovers

_LINE = re.compile(r"^(?P<code>\S+)(?: (?P<rest>.*))?$")
_ROW_LABEL = re.compile(r"^(?P<label>[a-z]|\d{1,2})\. (?P<text>\S.*)$")


@dataclass
class EntryAudit:
    """Cross-checks of an entry's redundant fields against its verbatim text."""

    parameters: int = 0
    parameters_missing: list[str] = field(default_factory=list)
    applicable_notes_missing: list[str] = field(default_factory=list)


@dataclass
class _EntryLines:
    """The items of one entry as its lines are read; ``last`` is what a continuation line extends."""

    file: str
    place: str
    context: SourceContext
    items: dict[str, Item] = field(default_factory=dict)
    last: tuple[str, Item | Note] | None = None
    note_list_owner: str | None = None

    def add(self, code: str, rest: str, where: str) -> None:
        note = parse_note(rest)
        if note is not None:
            owner = self._owner(code, where)
            attached = Note(note.kind, note.text, note.label)
            owner.notes.append(attached)
            self.last = (code, attached)
            self.note_list_owner = code if attached.text.endswith(":") else None
        elif self._extends_note_list(code, rest):
            return
        elif code in self.items:
            row = _ROW_LABEL.match(rest)
            if row and f"{code}.{row['label']}" not in self.items:
                self._new_item(f"{code}.{row['label']}", row["text"], code, where)
            else:
                self._continue(code, rest, where)
        else:
            inline = _inline_children(rest)
            self._new_item(code, "" if inline else rest, self._parent_of(code), where)
            for label, text in inline:
                self._new_item(f"{code}.{label}", text, code, where)

    def _new_item(self, code: str, text: str, parent: str | None, where: str) -> None:
        self.note_list_owner = None
        if parent is not None and parent not in self.items:
            self.context.warn(self.file, where, f"parent {parent} of {code} not found before it")
        depth = self.items[parent].depth + 1 if parent in self.items else depth_of(code)
        item = Item(code, text, parent, depth)
        self.items[code] = item
        self.last = (code, item)

    def _parent_of(self, code: str) -> str | None:
        """The code's parent, except for a numbered child of the entry coming after lettered ones:
        that is the file dropping the letter of its real parent, the last lettered item."""
        parent = parent_code(code)
        if parent is None or depth_of(code) != 1 or not code.rpartition(".")[2].isdigit():
            return parent
        first_level = [item for item in self.items.values() if item.depth == 1]
        if first_level and first_level[-1].code.rpartition(".")[2].isalpha():
            return first_level[-1].code
        return parent

    def _extends_note_list(self, code: str, rest: str) -> bool:
        """A line coded as a descendant of the item whose note ends with ":" is an entry of that
        note's list: it is appended to the note under its own label."""
        owner = self.note_list_owner
        if owner is None or not code.startswith(owner + ".") or self.last is None:
            return False
        note = self.last[1]
        assert isinstance(note, Note)
        note.text = f"{note.text} {code.rpartition('.')[2]}. {rest}"
        return True

    def _owner(self, code: str, where: str) -> Item:
        candidate: str | None = code
        while candidate is not None and candidate not in self.items:
            candidate = parent_code(candidate)
        if candidate is None:
            raise SourceError(self.file, where, f"note for {code} before the entry heading")
        if candidate != code:
            self.context.warn(self.file, where, f"note for unknown item {code} attached to {candidate}")
        return self.items[candidate]

    def _continue(self, code: str, rest: str, where: str) -> None:
        """A line repeating the code of the line before continues it (table rows, a technical note
        whose label stands on its own line)."""
        if self.last is not None and self.last[0] == code:
            target = self.last[1]
            if isinstance(target, Note):
                target.text = f"{target.text} {rest}".strip()
                return
            target.text = f"{target.text}\n{rest}"
            return
        self.context.warn(self.file, where, f"second line for item {code}, not next to the first: appended to it")
        self.items[code].text = f"{self.items[code].text}\n{rest}"


def _inline_children(text: str) -> list[tuple[str, str]]:
    """The sub-items of an item whose text is nothing but its lettered list ("a. Voltage rating greater
    than 1,4 kV; b. Energy storage ...", 3A201.a.1), or [] for any other text."""
    if not text.startswith("a. "):
        return []
    children: list[tuple[str, str]] = []
    label, start = "a", 3
    while True:
        following = chr(ord(label) + 1)
        boundary = re.search(rf"[;,:](?: and| or)? (?={following}\. )", text[start:])
        if boundary is None:
            children.append((label, text[start:].strip()))
            return children
        end = start + boundary.end()
        children.append((label, text[start:end].strip()))
        label, start = following, end + len(following) + 2


def parse_entry(
    context: SourceContext, file: str, raw: Any, position: int, terms: TermIndex
) -> tuple[Entry, EntryAudit]:
    place = f"entries[{position}]"
    obj = take_object(file, raw, place)
    code = take(file, obj, "entry_code", str, place)
    category = take(file, obj, "category", str, place)
    verbatim = take(file, obj, "verbatim_text", str, place)
    parameters = take_strings(file, obj, "parameters", place)
    applicable_notes = take_strings(file, obj, "applicable_notes", place)
    warn_leftovers(context, file, obj, place)
    if not EU_ENTRY.match(code):
        raise SourceError(file, f"{place}.entry_code", f"not an EU entry code: {code!r}")
    if category != code[0]:
        context.warn(file, f"{place}.category", f"category {category!r} differs from the code's {code[0]!r}")
    lines = _EntryLines(file, place, context)
    raw_lines = verbatim.split("\n")
    for number, line in enumerate(raw_lines, start=1):
        where = f"{place}.verbatim_text line {number}"
        match = _LINE.match(line)
        line_code = match["code"].rstrip(".") if match else ""
        if number == 1 and (line_code != code or not match or not match["rest"]):
            raise SourceError(file, where, f"expected the heading of {code}, found {line[:60]!r}")
        if not match or not match["rest"]:
            context.warn(file, where, f"line without an item code and text, skipped: {line[:60]!r}")
            continue
        if entry_code(line_code) != code:
            context.warn(file, where, f"item code {line_code} does not belong to {code}; line skipped")
            continue
        lines.add(line_code, match["rest"].strip(), where)
    items = list(lines.items.values())
    for item in items:
        item.defined_terms = terms.canonical(quoted_terms(item.text))
    entry = Entry(code, items[0].text, category, regime_of_eu_code(code), eu_code=code, items=items)
    return entry, _audit(raw_lines, parameters, applicable_notes)


def _audit(lines: list[str], parameters: list[str], applicable_notes: list[str]) -> EntryAudit:
    present = set(lines)
    bodies = {line.partition(" ")[2].strip() for line in lines}
    return EntryAudit(
        parameters=len(parameters),
        parameters_missing=[line for line in parameters if line not in present],
        applicable_notes_missing=[note for note in applicable_notes if note.strip() not in bodies],
    )


def cross_references(entry: Entry) -> list[CrossReference]:
    """References to other entries, and "see"/"other than" references between items of the entry,
    made by the text of each item and of its notes, from that item's code. An item citing itself or
    an item containing it ("2B001 does not control...") is not a reference."""
    found: list[CrossReference] = []
    seen: set[tuple[str, str, XRefKind]] = set()
    for item in entry.items:
        own_codes = _self_and_ancestors(item.code)
        for text in [item.text, *(note.text for note in item.notes)]:
            for mention in code_mentions(text):
                if mention.code in own_codes:
                    continue
                if mention.kind is XRefKind.REFERENCE and entry_code(mention.code) == entry.code:
                    continue
                key = (item.code, mention.code, mention.kind)
                if key in seen:
                    continue
                seen.add(key)
                found.append(
                    CrossReference(
                        item.code, mention.code, mention.kind, sentence_around(text, mention.start, mention.end)
                    )
                )
    return found


def _self_and_ancestors(code: str) -> set[str]:
    codes: set[str] = set()
    current: str | None = code
    while current is not None:
        codes.add(current)
        current = parent_code(current)
    return codes
