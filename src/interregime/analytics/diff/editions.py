"""``diff_editions``: every change between two editions of a list (or two lists of one structure)."""

from __future__ import annotations

from interregime.analytics.diff.notes import note_changes
from interregime.analytics.diff.pairing import PlacedItem, pair_entries, pair_items, place_items
from interregime.analytics.diff.parameter_changes import Extractor, parameter_changes
from interregime.analytics.diff.records import Change, ChangeKind, ChangeLevel, EditionDiff, code_order
from interregime.analytics.diff.words import same_text, similarity, word_diff
from interregime.domain.corpus import EditionContent

# Below this share of entry codes in common two lists are not numbered alike and cannot be diffed.
MIN_SHARED_CODES = 0.2


def check_comparable(old: EditionContent, new: EditionContent) -> None:
    old_codes = {entry.code for entry in old.entries}
    new_codes = {entry.code for entry in new.entries}
    if not old_codes or not new_codes:
        return
    shared = len(old_codes & new_codes) / min(len(old_codes), len(new_codes))
    if shared < MIN_SHARED_CODES:
        raise ValueError(
            f"{old.edition.key} and {new.edition.key} share only {shared:.0%} of their entry codes; "
            "a diff needs two editions numbered alike"
        )


def _text_change(kind: ChangeKind, level: ChangeLevel, old: PlacedItem, new: PlacedItem, score: float,
                 extractor: Extractor | None) -> Change:
    old_text, new_text = old.item.text, new.item.text
    changed = not same_text(old_text, new_text)
    return Change(
        kind, level, old.item.code, new.item.code, old_text, new_text, score,
        word_diff(old_text, new_text) if changed else (),
        parameter_changes(new.item.code, old_text, new_text, extractor) if changed else (),
    )


def diff_editions(old: EditionContent, new: EditionContent, extractor: Extractor | None = None) -> EditionDiff:
    """Entries and items added, removed, renumbered (found by text when the code changed) and changed,
    with their notes. Differences of spacing, quote style or case alone are counted, not listed."""
    check_comparable(old, new)
    entries = pair_entries(old, new)
    old_items, new_items = place_items(old), place_items(new)
    items = pair_items(old_items, new_items, entries)
    result = EditionDiff(old.edition, new.edition)
    changes = result.changes

    paired_new_entries = {code for code, _ in entries.values()}
    changes += [Change(ChangeKind.REMOVED, ChangeLevel.ENTRY, e.code, "", e.heading, "", 0.0)
                for e in old.entries if e.code not in entries]
    changes += [Change(ChangeKind.ADDED, ChangeLevel.ENTRY, "", e.code, "", e.heading, 0.0)
                for e in new.entries if e.code not in paired_new_entries]
    headings_done: set[str] = set()
    for old_code, (new_code, score) in entries.items():
        if old_code != new_code:
            old_head = next(p for p in old_items if p.item.code == old_code and p.entry == old_code)
            new_head = next(p for p in new_items if p.item.code == new_code and p.entry == new_code)
            changes.append(_text_change(ChangeKind.RENUMBERED, ChangeLevel.ENTRY, old_head, new_head, score,
                                        extractor))
            headings_done.add(old_code)

    for old_index, (new_index, score) in items.pairs.items():
        old_placed, new_placed = old_items[old_index], new_items[new_index]
        counterpart = entries.get(old_placed.entry)
        expected = counterpart[0] + old_placed.relative if counterpart else None
        is_heading = old_placed.item.code == old_placed.entry and new_placed.item.code == new_placed.entry
        if expected != new_placed.item.code:
            changes.append(_text_change(ChangeKind.RENUMBERED, ChangeLevel.ITEM, old_placed, new_placed, score,
                                        extractor))
        elif not same_text(old_placed.item.text, new_placed.item.text):
            if is_heading and old_placed.entry in headings_done:
                pass
            else:
                level = ChangeLevel.ENTRY if is_heading else ChangeLevel.ITEM
                changes.append(_text_change(ChangeKind.CHANGED, level, old_placed, new_placed, score, extractor))
        elif old_placed.item.text != new_placed.item.text:
            result.editorial_only += 1
        changes += note_changes(old_placed.item.code, new_placed.item.code, old_placed.item.notes,
                                new_placed.item.notes)

    paired_new_items = {n for n, _ in items.pairs.values()}
    changes += [Change(ChangeKind.REMOVED, ChangeLevel.ITEM, p.item.code, "", p.item.text, "", 0.0)
                for i, p in enumerate(old_items) if i not in items.pairs and p.entry in entries]
    changes += [Change(ChangeKind.ADDED, ChangeLevel.ITEM, "", p.item.code, "", p.item.text, 0.0)
                for i, p in enumerate(new_items) if i not in paired_new_items and p.entry in paired_new_entries]
    changes.sort(key=lambda c: (code_order(c.code), list(ChangeLevel).index(c.level)))
    return result


__all__ = ["diff_editions", "similarity"]
