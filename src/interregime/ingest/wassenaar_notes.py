"""Notes of the Wassenaar list moved to the item they are about.

A note is printed where its subject ends, often after the last sub-item of the subject or of the whole
entry: "For the purposes of ML10.a., ML10.d. and ML10.j., ..." after ML10.j.3, "1.A.2.b.1. does not
apply to ..." after 1.A.2.b.2. Its subject is the list of codes that opens it; the note belongs to
the item those codes have in common (ML10 for ML10.a, ML10.d and ML10.j)."""

from __future__ import annotations

import re

from interregime.domain.corpus import Entry, Note
from interregime.ingest.control_text import MUNITIONS_CODE, WASSENAAR_CODE

_CODE = re.compile(rf"(?:{WASSENAAR_CODE}|{MUNITIONS_CODE})(?!\d)")
# What may open a note before its subject. A note of numbered points ("1. For the purposes of
# 3.A.1.b.9.a., ...  2. For the purposes of 3.A.1.b.9.b., ...") has no single subject and stays.
_LEAD = re.compile(r"^(?:For the purposes of\s+)?")
# What may stand between two codes of the subject: "ML10.a., ML10.d. and ML10.j.", "3.A.1.b.3.a. to 3.A.1.b.3.e.".
_BETWEEN = re.compile(r"\.?(?:,\s*|\s+(?:and|or|to)\s+)")


def subject_codes(text: str) -> list[str]:
    """The codes a note opens with, in order: ``["ML10.a", "ML10.d", "ML10.j"]`` for "For the purposes
    of ML10.a., ML10.d. and ML10.j., ...", ``["1.A.2.b.1"]`` for "1.A.2.b.1. does not apply to ..."."""
    position = _LEAD.match(text).end()  # type: ignore[union-attr]
    codes: list[str] = []
    while match := _CODE.match(text, position):
        codes.append(match.group().rstrip("."))
        between = _BETWEEN.match(text, match.end())
        if between is None:
            break
        position = between.end()
    return codes


def common_code(codes: list[str]) -> str:
    """The longest code of which all ``codes`` are the code or a sub-item: ``ML10`` for ML10.a and ML10.j."""
    parts = [code.split(".") for code in codes]
    common: list[str] = []
    for labels in zip(*parts, strict=False):
        if len(set(labels)) != 1:
            break
        common.append(labels[0])
    return ".".join(common)


def reattach_to_subject(entry: Entry) -> int:
    """Move every note whose opening codes all name items of ``entry`` to the item they have in common,
    when that is not the item it was printed under; returns how many notes moved."""
    moves: list[tuple[Note, str, str]] = []
    for item in entry.items:
        for note in item.notes:
            codes = subject_codes(note.text)
            if not codes or not all(entry.item(code) is not None for code in codes):
                continue
            subject = common_code(codes)
            if subject != item.code and entry.item(subject) is not None:
                moves.append((note, item.code, subject))
    for note, source, target in moves:
        owner, destination = entry.item(source), entry.item(target)
        assert owner is not None and destination is not None
        owner.notes.remove(note)
        destination.notes.append(note)
    return len(moves)
