"""Defined terms of the CCL: each ECCN's "Related Definitions" paragraph, split into one Definition per
quoted term it defines ("'Biological agents' means: …"), scoped to the ECCN."""

from __future__ import annotations

import re

from interregime.domain.corpus import Definition, Entry, NoteKind

# Numbered parts "(1) … (2) …" of a Related Definitions paragraph.
_PART = re.compile(r"(?:^|\s)\(\d{1,2}\)\s+")
# A term in single, double or curly quotes opening a definition: "'X' means", "\"X\" is", "'X' (…) are".
_DEFINES = re.compile(
    r"""^(?:For the purposes? of [^,]{1,120},\s*)?(?:the term\s+)?[\"'“‘](?P<term>[^\"'”’]{2,80})[\"'”’]"""
    r"""(?:\s*\([^)]{1,80}\))?\s*(?:means|is|are|refers to|includes|–|—|-|:)""",
    re.IGNORECASE,
)


def related_definitions(entry: Entry) -> list[Definition]:
    definitions: list[Definition] = []
    for note in entry.items[0].notes if entry.items else []:
        if note.kind is not NoteKind.DEFINITION:
            continue
        for part in _PART.split(note.text):
            text = " ".join(part.split())
            match = _DEFINES.match(text)
            if match:
                definitions.append(Definition(match["term"].strip(), text, f"ECCN {entry.code}"))
    return definitions
