"""Section titles printed in the body of SCOMET category 8, which reproduces the Wassenaar list
with its titles: sub-section titles over entries and sub-paragraphs ("ACOUSTICS", "OPTICAL
SENSORS", 'CRYPTOGRAPHIC "INFORMATION SECURITY"'), and the titles of texts that are no entry
("ANNEX-A (Refer 8A108) LIST "EXPLOSIVES"", "TABLE - DEPOSITION TECHNIQUES", "TECHNICAL NOTE ON
'ADJUSTED PEAK PERFORMANCE' ('APP')", "ANNEXURE – 1"). A title is no part of an item's text."""

from __future__ import annotations

import re

# What is left of a title line once its parenthesised parts ("(Refer 8A108)", "('APP')") are
# dropped: capitals, digits and punctuation only, with one word of five capitals or more.
_PARENTHESISED = re.compile(r"\([^()]*\)")
_TITLE_LINE = re.compile(r"^[A-Z][A-Z0-9\s,\"“”'‘’&/:–-]*$")
_LONG_WORD = re.compile(r"[A-Z]{5,}")
# Titles of texts that are no entry: an annex, a table, a general technical note, a list.
_DOCUMENT_TITLE = re.compile(r"^(?:ANNEX\w*|TABLE|TECHNICAL NOTE|LIST)\b")
_DASH = re.compile(r"\s*[–-]\s*$")


def section_title(text: str) -> str | None:
    """The title that the line ``text`` is (spaces normalised, a trailing dash dropped), or None.
    A wrapped group heading's last line ("EQUIPMENT AND COMPONENTS)") is none: its bracket is open."""
    text = " ".join(text.split())
    if not text or not _TITLE_LINE.match(_PARENTHESISED.sub("", text).strip()):
        return None
    if not _LONG_WORD.search(_PARENTHESISED.sub("", text)):
        return None
    return _DASH.sub("", text)


def opens_document(title: str) -> bool:
    return _DOCUMENT_TITLE.match(title) is not None


def without_title(text: str, titles: set[str]) -> str:
    """An item's text without a section title printed before it: "CAMERAS – (Reserved)" is "(Reserved)"."""
    for title in titles:
        if text.startswith(title):
            rest = text[len(title) :]
            match = re.match(r"^\s*[–-]\s*", rest)
            if match:
                return rest[match.end() :]
    return text
