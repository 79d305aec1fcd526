"""The chemical tables of SCOMET category 1: a row is serial number, entry code, chemical name,
CWC schedule entry, CAS number and ITC(HS) code ("1 1B001 2-Chloro N, N-Di-isopropyl ethylamine
2B10 4261-68-1 29211911"); the 1D rows have only name and CAS number. The columns after the name
are set apart as notes labelled by column, so that the item text is the chemical's name."""

from __future__ import annotations

import re

from interregime.domain.corpus import Item, Note, NoteKind

# Wrapped names put the columns mid-text ("S [2-(diethylamino) ethyl] 2A01 (78-53-5) 29309097 O, O –
# diethyl ester"); the schedule may be glued to the name ("Hydrochloride2B12"), a CAS number broken
# over two lines ("(4584-46- 7)"), and a row may hold two ITC(HS) codes.
_COLUMNS = re.compile(
    r"(?<![\d-])(?P<schedule>[23][AB]\d{2})\s+\(?(?P<cas>\d{2,8}-\s?\d{2}-\s?\d|\d{5,8})\s?\)?"
    r"\s+(?P<hs>\d{8}(?:\s+\d{8})*)(?!\d)"
)
_EMPTY_COLUMNS = re.compile(r"\s+-\s+-\s+-(?=\s|$)")
_CAS_ONLY = re.compile(r"\s+\(?(?P<cas>\d{2,8}-\s?\d{2}-\s?\d)\s?\)?\s*$")
# After the last row the table ends: what follows is the list's own text ("Table 1 Argentina, ...",
# "B. Precursors", an amendment footnote), not the rest of a wrapped name ("O, O – diethyl ester").
_AFTER_TABLE = re.compile(r"^(?:[A-Z]\.\s|Notification\b|Table\b|(?:\S+\s+){6})")
TABLE_ENTRY = re.compile(r"^1[B-E]\d{3}$")

SCHEDULE_LABEL = "CWC schedule"
CAS_LABEL = "CAS"
HS_LABEL = "ITC(HS)"


def split_columns(item: Item) -> None:
    """Move the schedule, CAS and ITC(HS) columns out of a table row's text into notes."""
    text = item.text
    columns: list[tuple[str, str]] = []
    match = _COLUMNS.search(text)
    if match:
        columns = [
            (SCHEDULE_LABEL, match["schedule"]),
            (CAS_LABEL, re.sub(r"\s", "", match["cas"])),
            *((HS_LABEL, code) for code in match["hs"].split()),
        ]
    else:
        match = _EMPTY_COLUMNS.search(text) or _CAS_ONLY.search(text)
        if match and match.groupdict().get("cas"):
            columns = [(CAS_LABEL, re.sub(r"\s", "", match["cas"]))]
    if match is None:
        return
    name, after = text[: match.start()], " ".join(text[match.end() :].split())
    notes = [Note(NoteKind.NOTE, value, label) for label, value in columns]
    if _AFTER_TABLE.match(after):
        notes.append(Note(NoteKind.NOTE, after))
    else:
        name = f"{name} {after}"
    item.text = " ".join(name.split())
    item.notes[:0] = notes
