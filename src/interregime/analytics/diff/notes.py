"""Notes of one entry in two editions: kept, reworded, added or dropped. Notes are compared across
the whole entry, since publications (and parsers) attach the same note to different sub-items."""

from __future__ import annotations

from interregime.analytics.diff.matching import candidate_pairs, greedy_assignment
from interregime.analytics.diff.records import Change, ChangeKind, ChangeLevel
from interregime.analytics.diff.words import canonical, word_diff, word_keys
from interregime.domain.corpus import Entry, Note

NOTE_THRESHOLD = 0.5

HeldNote = tuple[str, Note]


def held_notes(entry: Entry) -> list[HeldNote]:
    """The notes of an entry with the code of the item holding each."""
    return [(item.code, note) for item in entry.items for note in item.notes]


def _label(note: Note) -> str:
    return note.label or note.kind.value


def note_changes(old_notes: list[HeldNote], new_notes: list[HeldNote]) -> list[Change]:
    old_left = list(old_notes)
    new_left = list(new_notes)
    for held in list(old_left):
        twin = next((other for other in new_left if canonical(other[1].text) == canonical(held[1].text)), None)
        if twin is not None:
            old_left.remove(held)
            new_left.remove(twin)
    candidates = candidate_pairs({i: word_keys(note.text) for i, (_, note) in enumerate(old_left)},
                                 {j: word_keys(note.text) for j, (_, note) in enumerate(new_left)})
    changes: list[Change] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for pair in greedy_assignment(candidates, NOTE_THRESHOLD):
        used_old.add(pair.old)
        used_new.add(pair.new)
        (old_code, old), (new_code, new) = old_left[pair.old], new_left[pair.new]
        changes.append(Change(ChangeKind.CHANGED, ChangeLevel.NOTE, old_code, new_code, old.text, new.text,
                              pair.similarity, word_diff(old.text, new.text), label=_label(new)))
    changes += [Change(ChangeKind.REMOVED, ChangeLevel.NOTE, code, "", note.text, "", 0.0, label=_label(note))
                for i, (code, note) in enumerate(old_left) if i not in used_old]
    changes += [Change(ChangeKind.ADDED, ChangeLevel.NOTE, "", code, "", note.text, 0.0, label=_label(note))
                for j, (code, note) in enumerate(new_left) if j not in used_new]
    return changes
