"""Notes of one item in two editions: kept, reworded, added or dropped."""

from __future__ import annotations

from interregime.analytics.diff.records import Change, ChangeKind, ChangeLevel
from interregime.analytics.diff.words import canonical, similarity, word_diff, word_keys
from interregime.domain.corpus import Note

NOTE_THRESHOLD = 0.5


def _label(note: Note) -> str:
    return note.label or note.kind.value


def note_changes(old_code: str, new_code: str, old_notes: list[Note], new_notes: list[Note]) -> list[Change]:
    old_left = list(old_notes)
    new_left = list(new_notes)
    for note in list(old_left):
        twin = next((other for other in new_left if canonical(other.text) == canonical(note.text)), None)
        if twin is not None:
            old_left.remove(note)
            new_left.remove(twin)
    scored = sorted(
        ((similarity(word_keys(a.text), word_keys(b.text)), i, j)
         for i, a in enumerate(old_left) for j, b in enumerate(new_left)),
        key=lambda triple: -triple[0],
    )
    changes: list[Change] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for score, i, j in scored:
        if score < NOTE_THRESHOLD or i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        old, new = old_left[i], new_left[j]
        changes.append(Change(ChangeKind.CHANGED, ChangeLevel.NOTE, old_code, new_code, old.text, new.text, score,
                              word_diff(old.text, new.text), label=_label(new)))
    changes += [Change(ChangeKind.REMOVED, ChangeLevel.NOTE, old_code, new_code, note.text, "", 0.0, label=_label(note))
                for i, note in enumerate(old_left) if i not in used_old]
    changes += [Change(ChangeKind.ADDED, ChangeLevel.NOTE, old_code, new_code, "", note.text, 0.0, label=_label(note))
                for j, note in enumerate(new_left) if j not in used_new]
    return changes
