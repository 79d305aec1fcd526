"""The body of the SCOMET list (categories 0-8) as entries, dotted items and their notes.

Lines are read in order; each one opens a category, a group heading, an entry, a note or a
labelled sub-paragraph, or continues whatever was open. A group heading with no entries of its
own ("1A" with its numbered chemicals, "7A [Reserved]") is an entry; otherwise its text is kept
as a document of the edition."""

from __future__ import annotations

import re

from interregime.domain.corpus import Document, Entry, Item, Note, NoteKind
from interregime.ingest.context import SourceContext
from interregime.ingest.control_text import parse_note, quoted_terms
from interregime.ingest.in_scomet_blocks import (
    Block,
    OpenText,
    entry_text,
    fold_numbered_heading,
    level_for,
    opens,
    previous_alpha,
)
from interregime.ingest.in_scomet_numbering import (
    CATEGORY_LINE,
    ENTRY_LINE,
    GROUP_LINE,
    Label,
    entry_sort_key,
    eu_code_of,
    group_sort_key,
    group_sub,
    split_label,
)
from interregime.ingest.in_scomet_pages import Line, joined_text
from interregime.ingest.in_scomet_table import TABLE_ENTRY, split_columns
from interregime.ingest.in_scomet_titles import opens_document, section_title, without_title

# Points by which two lines' first characters may differ and still start in the same column.
_SAME_COLUMN = 5.0
_PART_TWO = re.compile(r"\bPart\s*[-–]?\s*(?:2|II)\b", re.IGNORECASE)
# A bare label after "CODE." opening a sentence: "a Machine tools" in "8B201. a Machine tools ...".
_STOP_BEFORE_LABEL = re.compile(r"^(?P<label>[a-z]|\d{1,2})\s+(?=[\"“A-Z])")


class BodyReader:
    def __init__(self, file: str, context: SourceContext) -> None:
        self.file = file
        self.context = context
        self.entries: list[Entry] = []
        self.documents: list[Document] = []
        self.category_text: dict[str, list[Line]] = {}
        self._category = ""
        self._position: tuple[str, ...] = ("",)
        self._last_entry: tuple[str, ...] = ("",)
        self._block: Block | None = None
        self._group: Block | None = None
        self._group_has_entries = False
        self._open: OpenText | None = None
        self._titles: set[str] = set()
        self._text: tuple[str, list[Line]] | None = None  # a titled text that is no entry

    def read(self, lines: list[Line]) -> None:
        for line in lines:
            self._feed(line)
        self._close_entry()
        self._close_group(None)
        self._close_text()

    def _feed(self, line: Line) -> None:
        text = line.text.strip()
        if self._category and self._block is None:
            self.category_text.setdefault(self._category, []).append(line)
        if self._starts_category(line, text):
            return
        if not self._category:
            self.context.warn(self.file, line.place, f"text before the first category: {text[:60]}")
            return
        if self._starts_entry(line, text) or self._starts_group(line, text):
            return
        if self._category == "8" and self._section_title(line, text):
            return
        if self._text is not None:
            self._text[1].append(line)
            return
        block = self._block or self._group
        if block is None:
            self._category_note(line)
            return
        if self._repeated_code(block, line, text):
            return
        head = parse_note(text)
        if head is not None:
            outer = self._open if self._in_note_list(line, head.kind) else None
            self._flush_open()
            item = block.stack[-1][1] if block.stack else block.entry.items[0]
            note = Note(head.kind, head.text, head.label)
            item.notes.append(note)
            self._open = OpenText([Line(line.page, line.number, head.text)], item, note, note_x=line.x)
            if outer is not None:  # the labels after it may go on with the outer note's list
                self._open.note_labels = list(outer.note_labels)
                self._open.note_x = outer.note_x
            return
        labelled = split_label(text, previous_alpha(block))
        if labelled is not None and self._place_label(block, line, *labelled):
            return
        if self._open is None:
            self._open = OpenText([], block.entry.items[0])
        self._open.lines.append(line)

    def _in_note_list(self, line: Line, kind: NoteKind) -> bool:
        """Whether a technical note is printed inside the open note's own list, at or right of its
        labels ("Note 3 ... a. ... b. ... Technical Note ... c. ...")."""
        open_ = self._open
        if kind is not NoteKind.TECHNICAL_NOTE or open_ is None or open_.note is None or not open_.note_labels:
            return False
        return bool(line.x) and line.x >= min(x for _label, x in open_.note_labels) - _SAME_COLUMN

    def _section_title(self, line: Line, text: str) -> bool:
        """A category 8 title line: one over entries or sub-paragraphs is dropped; one of an annex,
        a table or a general technical note opens a text of its own, kept as a document."""
        title = section_title(text)
        if title is None:
            return False
        if self._text is not None:
            if title != self._text[0]:  # a running title repeats the text's own on each page
                self._text[1].append(line)
            return True
        self._flush_open()
        if opens_document(title):
            self._close_entry()
            self._close_group(None)
            self._text = (title, [])
        else:
            self._titles.add(title)
        return True

    def _close_text(self) -> None:
        if self._text is not None:
            title, lines = self._text
            self._text = None
            self.documents.append(Document("section", title, "\n".join(line.text.strip() for line in lines)))

    def _starts_category(self, line: Line, text: str) -> bool:
        match = CATEGORY_LINE.match(text)
        if not match or (match["rest"][:1] and match["rest"][:1] in ".;,"):
            return False
        expected = str(int(self._category) + 1) if self._category else "0"
        if match["cat"] != expected:
            return False
        self._close_entry()
        self._close_group(None)
        self._close_text()
        self._category = match["cat"]
        self._position = (self._category,)
        self.category_text.setdefault(self._category, []).append(line)
        return True

    def _starts_group(self, line: Line, text: str) -> bool:
        match = GROUP_LINE.match(text)
        if not match:
            return False
        # A category whose own heading is missing (category 5 of 2024) opens with its first group.
        title = match["rest"] or ""
        if not title and (not match["digits"] or text.endswith(".")):
            return False  # "5B." ending a wrapped sentence; a bare group code carries a footnote mark
        opens_next = bool(self._category) and title[:1].isupper() and match["cat"] == str(int(self._category) + 1)
        if match["cat"] != self._category and not opens_next:
            return False
        sub = group_sub(match["digits"], match["rest"])
        if sub and match["cat"] != "8" and sub != self._next_sub_group(match["cat"], match["grp"]):
            sub = ""  # a footnote mark: "1C4 Export of chemicals ...", "2H5 Genetic Elements ..."
        if match["cat"] == "8" and not sub:
            return False
        key = group_sort_key(match["cat"], match["grp"], sub)
        # Category 8 prints sub-group 5 twice: Part 1 telecommunications, Part 2 information security.
        part_two = match["cat"] == "8" and _PART_TWO.search(title) is not None
        if key <= self._position and not opens_next and not part_two:
            return False
        if part_two:
            self._last_entry = key
        code = f"{match['cat']}{match['grp']}{sub}"
        self._close_entry()
        self._close_group(code)
        self._close_text()
        if opens_next:
            self._category = match["cat"]
        self._position = key
        heading = (match["rest"] or "").strip()
        root = Item(code=code, text="")
        self._group = Block(Entry(code, heading, self._category, None, items=[root]), is_group=True)
        self._group_has_entries = False
        self._open = OpenText([Line(line.page, line.number, heading)] if heading else [], root)
        return True

    def _next_sub_group(self, category: str, group: str) -> str:
        """Sub-groups of categories 0-7 ("0A1", "3A2") count up from 1 within their group."""
        position = self._position
        if position[:2] == (category, group) and position[2:3] and position[2].isdigit():
            return str(int(position[2]) + 1)
        return "1"

    def _starts_entry(self, line: Line, text: str) -> bool:
        match = ENTRY_LINE.match(text)
        if not match or match["cat"] != self._category:
            return False
        code = f"{match['cat']}{match['grp']}{match['num']}"
        key = entry_sort_key(code)
        rest = match["rest"].strip()
        if key <= self._last_entry or (rest[:1] and rest[:1] in ".,;:)") or key < self._position:
            return False
        labelled = split_label(rest)
        # A wrapped reference such as "6A008 a.13 and 6A008.a 21 would ..." is no entry; a table row
        # ("12 1B012 phenyl, ...") or a first paragraph whose predecessors the text layer lacks
        # ("6A002 b. Projectors, ...") is.
        if rest[:1].islower() and not match["serial"] and not (labelled is not None and opens(*labelled)):
            return False
        self._flush_open()  # a group heading's note, when the group's first entry follows
        self._close_entry()
        self._close_text()
        self._last_entry = key
        self._position = key
        self._group_has_entries = True
        root = Item(code=code, text="")
        entry = Entry(code, "", self._category, None, eu_code=eu_code_of(code), items=[root])
        self._block = Block(entry, is_group=False)
        self._open = OpenText([], root)
        if rest:
            self._feed_rest(line, rest)
        return True

    def _feed_rest(self, line: Line, rest: str) -> None:
        """The text after an entry code: the heading, or a first labelled sub-paragraph ("3A501 a. ...")."""
        block = self._block
        assert block is not None and self._open is not None
        labelled = split_label(rest)
        if labelled is not None and opens(*labelled):
            self._place_label(block, Line(line.page, line.number, rest, line.x), *labelled, opens_entry=True)
        else:
            self._open.lines.append(Line(line.page, line.number, rest))

    def _repeated_code(self, block: Block, line: Line, text: str) -> bool:
        """A continued entry that repeats its code before the labels: "8A104 a. 1. “Biological agents”"."""
        code = block.entry.code
        match = re.match(rf"^{re.escape(code)}\.?\s+(?P<rest>.+)$", text)
        if not match or block.is_group:
            return False
        # A number whose full stop the text layer lost ("8A602 a. 2 b. Image intensifier tubes"),
        # or a label whose full stop is printed before it ("8B201. a Machine tools for turning").
        rest = re.sub(r"(?<=\.\s)(\d{1,2})\s+(?=[a-z]\.\s)", r"\1. ", match["rest"])
        rest = _STOP_BEFORE_LABEL.sub(r"\g<label>. ", rest) if text[len(code) :].startswith(".") else rest
        path: list[Label] = []
        while (labelled := split_label(rest)) is not None and labelled[0].style.endswith("."):
            path.append(labelled[0])
            rest = labelled[1]
        if not path:
            return False
        self._flush_open()
        parent = block.entry.items[0]
        block.stack = []
        for label in path:
            item_code = f"{parent.code}.{label.value}"
            item = block.entry.item(item_code) or self._new_item(block, item_code, parent, label)
            block.stack.append((label, item))
            parent = item
        self._open = OpenText([Line(line.page, line.number, rest)] if rest else [], parent)
        return True

    def _place_label(self, block: Block, line: Line, label: Label, rest: str, opens_entry: bool = False) -> bool:
        """Open the sub-paragraph ``label`` starts; False when the label belongs to the open note's own list."""
        if self._open is not None and self._open.note is not None and not self._leaves_note(block, line, label):
            inside = self._open.note_labels
            if label.is_first or any(label.follows(previous) for previous, _x in inside):
                # A list of the same style further left (an outer level) stays open: "c." at the
                # column of "b." goes on with it after an inner "a.-d." list.
                inside[:] = [
                    (previous, x)
                    for previous, x in inside
                    if previous.style != label.style or (line.x and x < line.x - _SAME_COLUMN)
                ]
                inside.append((label, line.x))
                self._open.lines.append(line)
                return True
        level = 0 if opens_entry else level_for(block, label)
        if level is None:
            return False
        parent = block.stack[level - 1][1] if level else block.entry.items[0]
        code = f"{parent.code}.{label.value}"
        item = block.entry.item(code)
        if item is not None and self._open is not None and self._open.note is not None:
            # A note's list whose first label the text glues to its word ("a.Specially shaped"):
            # an item that exists already is no new sub-paragraph.
            self._open.note_labels.append((label, line.x))
            self._open.lines.append(line)
            return True
        self._flush_open()
        del block.stack[level:]
        if item is not None:
            self.context.warn(self.file, line.place, f"{code} printed twice; text added to the first")
        else:
            item = self._new_item(block, code, parent, label)
        block.stack.append((label, item))
        block.label_x.setdefault(code, line.x)
        self._open = OpenText([Line(line.page, line.number, rest)] if rest else [], item)
        return True

    def _leaves_note(self, block: Block, line: Line, label: Label) -> bool:
        """Whether a label that could continue the open note's own list ("c." after a note listing
        "a." and "b.") rather continues the items: it is printed in the column of the item it
        follows, not in the column of the note's label it follows, and not right of the note's head."""
        assert self._open is not None
        level = level_for(block, label)
        if label.is_first or not line.x or level is None or level >= len(block.stack):
            return False
        if not line.text.lstrip(" (").startswith(label.value) or line.x > self._open.note_x + _SAME_COLUMN:
            return False
        sibling_x = block.label_x.get(block.stack[level][1].code, 0.0)
        if abs(sibling_x - line.x) > _SAME_COLUMN:
            return False
        note_columns = [x for previous, x in self._open.note_labels if previous.style == label.style]
        return bool(note_columns) and all(abs(x - line.x) > _SAME_COLUMN for x in note_columns)

    def _new_item(self, block: Block, code: str, parent: Item, label: Label) -> Item:
        item = Item(code=code, text="", parent=parent.code, depth=parent.depth + 1, native_code=label.value)
        block.entry.items.append(item)
        return item

    def _flush_open(self) -> None:
        open_ = self._open
        self._open = None
        if open_ is None or not open_.lines:
            return
        text = joined_text(open_.lines)
        if open_.note is not None:
            open_.note.text = text
            return
        open_.item.text = f"{open_.item.text} {text}".strip()

    def _close_entry(self) -> None:
        if self._block is None:
            return
        self._flush_open()
        self._finish(self._block.entry, self._titles)
        self.entries.append(self._block.entry)
        self._block = None

    def _close_group(self, next_group: str | None) -> None:
        """A group without entries of its own is an entry, unless sub-groups follow or it is a
        category 8 heading (those only title the EU-numbered entries after them)."""
        group = self._group
        if group is None:
            return
        self._flush_open()
        self._group = None
        entry = group.entry
        nested = next_group is not None and next_group.startswith(entry.code) and next_group != entry.code
        if not self._group_has_entries and not nested and entry.category != "8":
            self._finish(entry, self._titles)
            self.entries.append(entry)
            return
        self.documents.append(Document("group note", f"{entry.code} {entry.heading}".strip(), entry_text(entry)))

    def _category_note(self, line: Line) -> None:
        if self._open is None:
            title = f"Category {self._category}"
            root = Item(code=title, text="")
            self._open = OpenText([], root)
            self.documents.append(Document("category note", title, ""))
        self._open.lines.append(line)
        self.documents[-1] = Document("category note", self.documents[-1].title, joined_text(self._open.lines))

    @staticmethod
    def _finish(entry: Entry, titles: set[str]) -> None:
        root = entry.items[0]
        if TABLE_ENTRY.match(entry.code):
            split_columns(root)
        for item in entry.items:
            item.text = without_title(item.text, titles)
        fold_numbered_heading(entry)
        entry.heading = root.text
        for item in entry.items:
            terms: list[str] = []
            for text in [item.text, *(note.text for note in item.notes)]:
                terms.extend(term for term in quoted_terms(text) if term not in terms)
            item.defined_terms = terms

