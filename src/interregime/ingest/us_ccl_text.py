"""The markdown text of one ECCN (License Requirements ... Items, Notes) as converted from the eCFR
by the waynehacking8 parser: its Related Controls, Related Definitions and item paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interregime.domain.corpus import Item, Note, NoteKind

_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
_HTML = re.compile(r"</?(?:p|br|sup|sub|i|em|b)\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")
_ITEM_LINE = re.compile(r"^(?P<label>[a-z](?:\.(?:\d{1,2}|[a-z]{1,2}))*)(?P<dot>\.?)\s+(?P<text>\S.*)$", re.DOTALL)
_NOTE_HEADER = re.compile(
    r"^\*{1,2}(?P<label>(?:Heading\s+)?(?:Notes?|Technical\s+Notes?|N\.\s?B\.|Nota\s+Bene)\b[^:*]{0,60}):?\*{1,2}:?"
    r"\s*(?P<rest>.*)$",
    re.DOTALL | re.IGNORECASE,
)
_SECTION = re.compile(
    r"^\*(?P<name>Related Controls?|Related Definitions?|Items|Reasons? for Control):\*\s*(?P<rest>.*)$", re.DOTALL
)
_DECONTROL = re.compile(r"\bdoes not (?:control|apply)|\bdo not (?:control|apply)|\bis not controlled|"
                        r"\bare not controlled", re.IGNORECASE)


def clean(text: str) -> str:
    """Markdown and HTML markup removed: links keep their words, emphasis marks go."""
    text = _LINK.sub(r"\1", text)
    text = _HTML.sub(" ", text)
    text = text.replace("*", "").replace("\u00a0", " ")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def note_kind(label: str, text: str) -> NoteKind:
    lowered = label.lower()
    if lowered.startswith("technical"):
        return NoteKind.TECHNICAL_NOTE
    if lowered.startswith(("n.b", "n. b", "nota bene")):
        return NoteKind.NB
    if _DECONTROL.search(text):
        return NoteKind.DECONTROL
    return NoteKind.NOTE


def item_label(text: str) -> tuple[str, str] | None:
    """``a.1.b. Text`` → (``a.1.b``, ``Text``) when the labels alternate letter, number, letter..."""
    match = _ITEM_LINE.match(text)
    if not match:
        return None
    label = match["label"]
    parts = label.split(".")
    if len(parts) == 1 and not match["dot"]:
        return None
    for index, part in enumerate(parts):
        if part.isdigit() != (index % 2 == 1):
            return None
        if index % 2 == 0 and len(part) > 1 and index > 0:
            return None
    return label, match["text"].strip()


@dataclass
class EccnText:
    """What the full-text file says about one ECCN, beyond its heading."""

    reasons: str = ""
    related_controls: str = ""
    related_definitions: str = ""
    items: list[Item] = field(default_factory=list)
    has_items_section: bool = False
    unplaced: list[str] = field(default_factory=list)


class _ItemsBuilder:
    """Turns the paragraphs after ``*Items:*`` into items with their notes attached."""

    def __init__(self, code: str, heading: Item) -> None:
        self.code = code
        self.items: list[Item] = [heading]
        self.by_code: dict[str, Item] = {code: heading}
        self.note: Note | None = None

    @property
    def current(self) -> Item:
        return self.items[-1]

    def add_item(self, label: str, text: str) -> None:
        code = f"{self.code}.{label}"
        labels = label.split(".")
        parent = self.code
        for cut in range(len(labels) - 1, 0, -1):
            candidate = ".".join([self.code, *labels[:cut]])
            if candidate in self.by_code:
                parent = candidate
                break
        item = Item(code=code, text=clean(text), parent=parent, depth=len(labels))
        self.items.append(item)
        self.by_code[code] = item
        self.note = None

    def open_note(self, label: str, text: str) -> None:
        body = clean(text)
        self.note = Note(NoteKind.NOTE, body, clean(label))
        self.current.notes.append(self.note)

    def continue_text(self, paragraph: str) -> None:
        text = clean(paragraph)
        if not text:
            return
        if self.note is not None:
            if text not in self.note.text.split("\n"):
                self.note.text = f"{self.note.text}\n{text}" if self.note.text else text
        elif text not in self.current.text.split("\n"):
            self.current.text = f"{self.current.text}\n{text}"

    def finish(self) -> list[Item]:
        for item in self.items:
            for note in item.notes:
                note.kind = note_kind(note.label, note.text)
        return self.items


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs; a note header line is split from the text under it."""
    result: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block:
            continue
        first, _, rest = block.partition("\n")
        header = _NOTE_HEADER.match(first)
        if rest and header and not header["rest"].strip(" *"):
            result.extend([first, rest.strip()])
        else:
            result.append(block)
    return result


def parse_details(code: str, heading: Item, details: str) -> EccnText:
    """Split the ECCN text into its sections; the items get the entry's own heading as depth 0."""
    result = EccnText()
    section = ""
    builder = _ItemsBuilder(code, heading)
    texts: dict[str, list[str]] = {"reasons": [], "related_controls": [], "related_definitions": []}
    for paragraph in _paragraphs(details):
        header = _SECTION.match(paragraph)
        if header:
            name = header["name"].lower()
            section = ("items" if name == "items" else "reasons" if name.startswith("reason")
                       else "related_controls" if "controls" in name or name == "related control"
                       else "related_definitions")
            if section == "items":
                result.has_items_section = True
            elif header["rest"].strip():
                texts[section].append(header["rest"])
            continue
        if section == "reasons":
            section = ""
        if section in texts:
            if paragraph.startswith(("*", "|")) and texts[section]:
                section = ""
            else:
                texts[section].append(paragraph)
                continue
        if section != "items":
            continue
        _place(builder, paragraph)
    result.reasons = clean(" ".join(texts["reasons"]))
    result.related_controls = clean(" ".join(texts["related_controls"]))
    result.related_definitions = clean("\n".join(texts["related_definitions"]))
    result.items = builder.finish()
    return result


def _place(builder: _ItemsBuilder, paragraph: str) -> None:
    note = _NOTE_HEADER.match(paragraph)
    if note:
        builder.open_note(note["label"].strip(), note["rest"])
        return
    if not paragraph.startswith(("*", "-", "|", "_")):
        labelled = item_label(paragraph)
        if labelled and f"{builder.code}.{labelled[0]}" not in builder.by_code:
            builder.add_item(*labelled)
            return
    builder.continue_text(paragraph)
