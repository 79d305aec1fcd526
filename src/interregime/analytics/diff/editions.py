"""``diff_editions``: every change between two editions of a list (or two lists of one structure)."""

from __future__ import annotations

import functools

from interregime.analytics.diff.notes import held_notes, note_changes
from interregime.analytics.diff.pairing import PlacedItem, pair_entries, pair_items, place_items
from interregime.analytics.diff.parameter_changes import Extractor, parameter_changes
from interregime.analytics.diff.records import Change, ChangeKind, ChangeLevel, EditionDiff, code_order
from interregime.analytics.diff.words import same_text, word_diff
from interregime.analytics.parameters.extract import extract_parameters
from interregime.analytics.parameters.numbers import decimal_comma_for
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


def _text_change(kind: ChangeKind, level: ChangeLevel, old: tuple[str, str], new: tuple[str, str], score: float,
                 extractor: Extractor | None) -> Change:
    """A change between ``(code, text)`` pairs, with its word diff and thresholds when the text differs."""
    (old_code, old_text), (new_code, new_text) = old, new
    changed = not same_text(old_text, new_text)
    return Change(
        kind, level, old_code, new_code, old_text, new_text, score,
        word_diff(old_text, new_text) if changed else (),
        parameter_changes(new_code, old_text, new_text, extractor) if changed else (),
    )


def _item_change(old: PlacedItem, new: PlacedItem, expected_code: str | None, score: float,
                 extractor: Extractor | None) -> Change | None:
    """Renumbered when the code is not the old one under the entry's new number; changed when only the
    text differs; nothing when the two agree. Entry headings count as the entry's own change."""
    is_heading = old.item.code == old.entry and new.item.code == new.entry
    sides = (old.item.code, old.item.text), (new.item.code, new.item.text)
    if expected_code != new.item.code:
        return _text_change(ChangeKind.RENUMBERED, ChangeLevel.ITEM, *sides, score, extractor)
    if same_text(old.item.text, new.item.text) or (is_heading and old.entry != new.entry):
        return None
    level = ChangeLevel.ENTRY if is_heading else ChangeLevel.ITEM
    return _text_change(ChangeKind.CHANGED, level, *sides, score, extractor)


def diff_editions(old: EditionContent, new: EditionContent, extractor: Extractor | None = None) -> EditionDiff:
    """Entries and items added, removed, renumbered (found by text when the code changed) and changed,
    with their notes. Differences of spacing, quote style or case alone are counted, not listed. Without an
    ``extractor``, thresholds are read in the lists' number style ("1,000 m" is a thousand metres in SCOMET,
    "0,9 GPa" nine tenths in the EU list), guessed per text only when the two lists write numbers differently."""
    check_comparable(old, new)
    if extractor is None:
        styles = {decimal_comma_for(content.control_list.id) for content in (old, new)}
        extractor = functools.partial(extract_parameters, decimal_comma=styles.pop()) if len(styles) == 1 else None
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
    old_by_code = {e.code: e for e in old.entries}
    new_by_code = {e.code: e for e in new.entries}
    for old_code, (new_code, score) in entries.items():
        changes += note_changes(held_notes(old_by_code[old_code]), held_notes(new_by_code[new_code]))
        if old_code != new_code:
            changes.append(_text_change(
                ChangeKind.RENUMBERED, ChangeLevel.ENTRY, (old_code, old_by_code[old_code].heading),
                (new_code, new_by_code[new_code].heading), score, extractor))

    for old_index, (new_index, score) in items.pairs.items():
        old_placed, new_placed = old_items[old_index], new_items[new_index]
        counterpart = entries.get(old_placed.entry)
        expected = counterpart[0] + old_placed.relative if counterpart else None
        change = _item_change(old_placed, new_placed, expected, score, extractor)
        if change is not None:
            changes.append(change)
        elif old_placed.item.text != new_placed.item.text:
            result.editorial_only += 1

    paired_new_items = {n for n, _ in items.pairs.values()}
    changes += [Change(ChangeKind.REMOVED, ChangeLevel.ITEM, p.item.code, "", p.item.text, "", 0.0)
                for i, p in enumerate(old_items) if i not in items.pairs and p.entry in entries]
    changes += [Change(ChangeKind.ADDED, ChangeLevel.ITEM, "", p.item.code, "", p.item.text, 0.0)
                for i, p in enumerate(new_items) if i not in paired_new_items and p.entry in paired_new_entries]
    changes.sort(key=lambda c: (code_order(c.code), list(ChangeLevel).index(c.level)))
    return result
