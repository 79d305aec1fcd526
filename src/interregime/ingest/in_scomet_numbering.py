"""SCOMET's own numbering: entry codes, sub-group headings, the category 8 ↔ EU correspondence,
and the labels of dotted sub-paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

# An entry: category digit, group letter, three digits ("8B301", "0A101", "2H001"). Amendment
# footnote marks are printed glued to the code ("3D00414" is 3D004 with footnote 14), and table
# rows of category 1 put a serial number in front ("37 1B037 ...", "1. 1E 004 ..."). A few codes
# carry a stray full stop before the heading ("8D601. "Software" ...", "8B602 . OPTICAL ...").
ENTRY_LINE = re.compile(
    r"^\s*(?:(?P<serial>\d{1,3})\.?\s+)?(?P<cat>\d)(?P<grp>[A-H])\s?(?P<num>\d{3})(?:\d{1,2})?"
    r"(?:\s?\.(?=\s+[\"“A-Z]))?(?=\s|$)(?P<rest>.*)$"
)
# A group or sub-group heading: "0A1 Source Material", "1A Export of ...", "8A1 SPECIAL MATERIALS ...".
# The digits after the letter are a sub-group ("0A1", "8B3") when there is one digit and a title;
# otherwise they are a footnote mark ("1C8", "2H10 Genetic Elements ...").
# A category 8 title may be glued to its sub-group ("8E2MATERIAL PROCESSING", "8B5PART 2 - ...").
GROUP_LINE = re.compile(
    r"^\s*(?P<cat>\d)(?P<grp>[A-H])(?P<digits>\d{0,3})\.?(?:(?:\s+|(?<=8[A-E]\d)(?=[A-Z]{2}))(?P<rest>[A-Z\[(‘'\"“].*))?$"
)
CATEGORY_LINE = re.compile(r"^\s*CATEGORY\s+(?P<cat>\d)(?:\d{1,2}(?!\d))?(?![\w.])\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
SCOMET_CODE = r"\d[A-H]\d{3}(?:\.[a-z0-9]{1,4})*"

_EIGHT = re.compile(r"^8(?P<grp>[A-E])(?P<cat>[1-9])(?P<num>\d{2})$")


def eu_code_of(code: str) -> str:
    """The EU Annex I entry that a SCOMET category 8 entry reproduces, "" for other entries.

    Category 8 is the Wassenaar dual-use list renumbered: ``8`` + the EU group letter + the EU
    category digit + the two last digits of the EU number, so ``8B301`` is ``3B001`` and
    ``8A101`` is ``1A001``. Wassenaar-based EU entries are the ``0xx`` numbers of categories 1-9,
    which is why two digits suffice. Sub-paragraph labels are kept: ``8E102.e`` → ``1E002.e``."""
    head, dot, labels = code.partition(".")
    match = _EIGHT.match(head)
    if not match:
        return ""
    return f"{match['cat']}{match['grp']}0{match['num']}{dot}{labels}"


def entry_sort_key(code: str) -> tuple[str, ...]:
    """The order of entries in the list: category 8 runs 8A1.., 8B1.., ..., 8E1.., 8A2.. (by EU
    category first); the other categories run by group letter, then number."""
    match = _EIGHT.match(code)
    if match:
        return ("8", match["cat"], match["grp"], match["num"])
    return (code[0], code[1], code[2], code[2:])


def group_sub(digits: str, rest: str | None) -> str:
    return digits if len(digits) == 1 and rest else ""


def group_sort_key(category: str, group: str, sub: str) -> tuple[str, ...]:
    """Where a group heading ("8B3", "0A1", "3B") sits in the same order as ``entry_sort_key``."""
    if category == "8" and sub:
        return ("8", sub, group, "")
    return (category, group, sub, "")


@dataclass(frozen=True, slots=True)
class Label:
    """A sub-paragraph label as printed: ``a.``, ``1.``, ``ii.``, ``(a)``, ``b)``, ``(3)``."""

    value: str
    style: str

    def follows(self, previous: Label) -> bool:
        return self.style == previous.style and _ordinal(self) == _ordinal(previous) + 1

    @property
    def is_first(self) -> bool:
        return _ordinal(self) == 1


_LABEL = re.compile(
    r"^\s*(?:\((?P<paren>[a-z]{1,4}|\d{1,2})\)|(?P<plain>[a-z]{1,4}|\d{1,2})(?P<punct>[.)]))"
    r"(?:(?=\s|$)|(?<=^[a-z]\.)(?=[A-Z][a-z]))\s*(?P<rest>.*)$"  # or glued to its word: "a.Output energy"
)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}
_ROMAN_LABEL = re.compile(r"^(?:x{0,3})(?:ix|iv|v?i{0,3})$")


def split_label(text: str, previous_alpha: Label | None = None) -> tuple[Label, str] | None:
    """The label that opens ``text`` and the rest of the line, or None. ``i``, ``v`` and ``x`` are
    letters when they continue a letter sequence (``h.`` then ``i.``), roman numerals otherwise."""
    match = _LABEL.match(text)
    if not match:
        return None
    value = match["paren"] or match["plain"]
    shape = "()" if match["paren"] else match["punct"]
    if value.isdigit():
        kind = "digit"
    elif len(value) == 1 and not _ROMAN_LABEL.match(value):
        kind = "alpha"
    elif _ROMAN_LABEL.match(value):
        kind = "roman"
        letter = Label(value, f"alpha{shape}")
        if len(value) == 1 and previous_alpha is not None and letter.follows(previous_alpha):
            kind = "alpha"
    else:
        return None
    return Label(value, f"{kind}{shape}"), match["rest"]


def _ordinal(label: Label) -> int:
    if label.style.startswith("digit"):
        return int(label.value)
    if label.style.startswith("alpha"):
        return ord(label.value) - ord("a") + 1
    total = 0
    values = [_ROMAN[char] for char in label.value]
    for position, value in enumerate(values):
        following = values[position + 1] if position + 1 < len(values) else 0
        total += -value if value < following else value
    return total
