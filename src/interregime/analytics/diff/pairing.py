"""Which entry and item of the old edition is which of the new: same code first, then leftovers
(and same-code pairs whose texts have little in common) by text similarity."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from interregime.analytics.diff.matching import Pairing, pair_by_code_then_text
from interregime.analytics.diff.words import word_count, word_keys
from interregime.domain.corpus import EditionContent, Entry, Item

ENTRY_THRESHOLD = 0.7
ITEM_THRESHOLD = 0.75
# A same-code pair this dissimilar gives way when either side matches another text better.
WEAK_PAIR = 0.6
# Shorter texts ("Others;", "Not used;", "Any of the following:") pair by similarity only under
# paired parents (items) or when identical (entries).
MIN_WORDS = 4
# An entry that only says "(Reserved)" or "Not used" has no identity to follow: two such entries are the
# same entry only if they have the same code.
PLACEHOLDER_WORDS = frozenset({"reserved", "not", "used"})
# Texts moving to an unrelated entry must be this long and this similar, so that boilerplate such
# as "... having all of the following characteristics:" does not pair on its own.
MIN_WORDS_ACROSS_ENTRIES = 8
ACROSS_ENTRIES_THRESHOLD = 0.85


@dataclass(slots=True)
class PlacedItem:
    entry: str
    item: Item
    keys: list[str]

    @property
    def relative(self) -> str:
        return self.item.code[len(self.entry):]


def entry_keys(entry: Entry) -> list[str]:
    return word_keys(" ".join(item.text for item in entry.items) or entry.heading)


def pair_entries(old: EditionContent, new: EditionContent) -> dict[str, tuple[str, float]]:
    """Old entry code → (new entry code, similarity)."""
    old_keys = {entry.code: entry_keys(entry) for entry in old.entries}
    new_keys = {entry.code: entry_keys(entry) for entry in new.entries}

    def long_or_identical(pair: Pairing[str], _: object) -> bool:
        o, n = pair.old, pair.new
        if min(word_count(old_keys[o]), word_count(new_keys[n])) >= MIN_WORDS:
            return True
        return old_keys[o] == new_keys[n] and not {key for key in old_keys[o] if key.isalpha()} <= PLACEHOLDER_WORDS

    same_code = {code: code for code in old_keys if code in new_keys}
    return pair_by_code_then_text(old_keys, new_keys, same_code, ENTRY_THRESHOLD, WEAK_PAIR, [long_or_identical])


def place_items(content: EditionContent) -> list[PlacedItem]:
    return [PlacedItem(entry.code, item, word_keys(item.text)) for entry in content.entries for item in entry.items]


@dataclass(slots=True)
class ItemPairs:
    """Pairs of positions in the old and new ``place_items`` lists, with their similarity."""

    pairs: dict[int, tuple[int, float]]

    def new_of(self, old_index: int) -> int | None:
        found = self.pairs.get(old_index)
        return found[0] if found else None


def pair_items(old: list[PlacedItem], new: list[PlacedItem], entries: dict[str, tuple[str, float]]) -> ItemPairs:
    """Items pair by code under their entry's counterpart; the rest, and same-code pairs with little
    text in common, by similarity: long texts anywhere, short ones only under paired parents."""
    new_position = {(placed.entry, placed.item.code): index for index, placed in enumerate(new)}
    old_position = {(placed.entry, placed.item.code): index for index, placed in enumerate(old)}
    by_code: dict[int, int] = {}
    for index, placed in enumerate(old):
        counterpart = entries.get(placed.entry)
        target = new_position.get((counterpart[0], counterpart[0] + placed.relative)) if counterpart else None
        if target is not None:
            by_code[index] = target

    def related(o: int, n: int) -> bool:
        counterpart = entries.get(old[o].entry)
        return counterpart is not None and counterpart[0] == new[n].entry

    def preference(o: int, n: int) -> int:
        return (0 if related(o, n) else 2) + (0 if old[o].relative == new[n].relative else 1)

    def words(o: int, n: int) -> int:
        return min(word_count(old[o].keys), word_count(new[n].keys))

    def long_enough(pair: Pairing[int], _: object) -> bool:
        if related(pair.old, pair.new):
            return words(pair.old, pair.new) >= MIN_WORDS
        return words(pair.old, pair.new) >= MIN_WORDS_ACROSS_ENTRIES and pair.similarity >= ACROSS_ENTRIES_THRESHOLD

    def short_under_paired_parents(pair: Pairing[int], pairs: Mapping[int, tuple[int, float]]) -> bool:
        o, n = pair.old, pair.new
        old_parent = old_position.get((old[o].entry, old[o].item.parent or ""))
        new_parent = new_position.get((new[n].entry, new[n].item.parent or ""))
        paired = pairs.get(old_parent) if old_parent is not None else None
        return words(o, n) < MIN_WORDS and paired is not None and paired[0] == new_parent

    pairs = pair_by_code_then_text(
        {i: placed.keys for i, placed in enumerate(old)}, {i: placed.keys for i, placed in enumerate(new)},
        by_code, ITEM_THRESHOLD, WEAK_PAIR, [long_enough, short_under_paired_parents], preference,
    )
    return ItemPairs(pairs)
