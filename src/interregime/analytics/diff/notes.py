"""Notes of one entry in two editions: kept, reworded, added or dropped. Notes are compared across
the whole entry, since publications (and parsers) attach the same note to different sub-items."""

from __future__ import annotations

from dataclasses import dataclass, field

from interregime.analytics.diff.matching import candidate_pairs, greedy_assignment
from interregime.analytics.diff.records import Change, ChangeKind, ChangeLevel
from interregime.analytics.diff.words import canonical, similarity, word_diff, word_keys
from interregime.domain.corpus import Entry, Note

NOTE_THRESHOLD = 0.5

HeldNote = tuple[str, Note]


def held_notes(entry: Entry) -> list[HeldNote]:
    """The notes of an entry with the code of the item holding each."""
    return [(item.code, note) for item in entry.items for note in item.notes]


def _label(note: Note) -> str:
    return note.label or note.kind.value


# What may remain of a note once the two or more notes it merges are taken out: numbering ("1." "2.").
MERGE_RESIDUE = 12


@dataclass(slots=True)
class _Regrouped:
    """Notes one edition splits and the other merges: the parts left unexplained, the wholes left
    unexplained, and wholes that hold some parts plus text of their own (a change)."""

    parts: list[HeldNote]
    wholes: list[HeldNote]
    grown: list[tuple[HeldNote, list[HeldNote]]] = field(default_factory=list)


def _regroup(parts: list[HeldNote], wholes: list[HeldNote]) -> _Regrouped:
    texts = [canonical(note.text) for _, note in wholes]
    residues = list(texts)
    held_parts: dict[int, list[HeldNote]] = {}
    kept_parts = []
    for held in parts:
        text = canonical(held[1].text)
        host = next((i for i, whole in enumerate(texts) if text and text in whole), None)
        if host is None:
            kept_parts.append(held)
            continue
        residues[host] = residues[host].replace(text, "", 1)
        held_parts.setdefault(host, []).append(held)
    result = _Regrouped(kept_parts, [])
    for index, whole in enumerate(wholes):
        if index not in held_parts:
            result.wholes.append(whole)
        elif len(held_parts[index]) < 2 or len(residues[index]) > MERGE_RESIDUE:
            result.grown.append((whole, held_parts[index]))
    return result


def _merged_change(whole: HeldNote, parts: list[HeldNote], whole_is_new: bool) -> Change:
    joined = " ".join(note.text for _, note in parts)
    (whole_code, note), part_code = whole, parts[0][0]
    old_code, new_code = (part_code, whole_code) if whole_is_new else (whole_code, part_code)
    old_text, new_text = (joined, note.text) if whole_is_new else (note.text, joined)
    return Change(ChangeKind.CHANGED, ChangeLevel.NOTE, old_code, new_code, old_text, new_text,
                  similarity(word_keys(old_text), word_keys(new_text)), word_diff(old_text, new_text),
                  label=_label(note))


def note_changes(old_notes: list[HeldNote], new_notes: list[HeldNote]) -> list[Change]:
    old_left = list(old_notes)
    new_left = list(new_notes)
    for held in list(old_left):
        twin = next((other for other in new_left if canonical(other[1].text) == canonical(held[1].text)), None)
        if twin is not None:
            old_left.remove(held)
            new_left.remove(twin)
    merged = _regroup(old_left, new_left)
    split = _regroup(merged.wholes, merged.parts)
    old_left, new_left = split.wholes, split.parts
    changes = [_merged_change(whole, parts, True) for whole, parts in merged.grown]
    changes += [_merged_change(whole, parts, False) for whole, parts in split.grown]
    candidates = candidate_pairs({i: word_keys(note.text) for i, (_, note) in enumerate(old_left)},
                                 {j: word_keys(note.text) for j, (_, note) in enumerate(new_left)})
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
