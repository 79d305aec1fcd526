"""Software and technology entries that name their goods by the list's own numbers.

SCOMET's "Technology related to the development, production … of items in 5A1 and 5A2" or "Technology
and software for … items in 3D001 to 3D014" implement the software (D) or technology (E) entries of
the regime whose goods those SCOMET entries implement, in the EU categories of those goods. Their text
says little more than "development, production, use", so the regime and categories come from the goods
in scope and the text only chooses among that regime's software or technology entries."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from interregime.domain.codes import EU_ENTRY
from interregime.domain.corpus import Entry
from interregime.domain.regimes import Regime

# "items in 5A1 and 5A2", "specified in 0A or 0B", "items in 3D001 to 3D014"
_SCOPE_CODE = re.compile(r"(?<![\w.])(\d[A-E]\d{0,3})(?![\w])")
_RANGE = re.compile(r"(?<![\w.])(\d[A-E]\d{3})\s+to\s+(\d[A-E]\d{3})(?![\w])")


def knowhow_groups(entry: Entry) -> str:
    """Product groups of the regime entries a "Software …" (D) or "Technology …" (E) entry can implement;
    empty for goods."""
    first = (entry.heading or (entry.items[0].text if entry.items else "")).lower()
    words = re.findall(r"[a-z]+", first)[:3]
    return "".join(group for group, word in (("D", "software"), ("E", "technology")) if word in words)


def scope(entry: Entry, entries: Sequence[Entry]) -> list[Entry]:
    """The goods entries of the same list that ``entry``'s text names by number, prefix or range."""
    text = " ".join([entry.heading, *(item.text for item in entry.items)])
    ranges = [(low, high) for low, high in _RANGE.findall(text)]
    prefixes = [code for code in _SCOPE_CODE.findall(text) if code != entry.code]
    named = [other for other in entries if other is not entry
             and (any(other.code.startswith(prefix) for prefix in prefixes)
                  or any(low <= other.code <= high for low, high in ranges))]
    return [other for other in named if not knowhow_groups(other)]


@dataclass(frozen=True)
class Scope:
    regime: Regime
    categories: frozenset[str]
    goods: tuple[str, ...]


def scope_of(entry: Entry, entries: Sequence[Entry],
             placed: Mapping[str, tuple[Regime | None, str]]) -> Scope | None:
    """The regime most of the goods in scope implement (``placed``: code → regime and EU code of the
    goods' concordance rows) and the EU category most of their entries in that regime belong to (all
    of the most frequent ones on a tie); None without placed goods."""
    goods = [other.code for other in scope(entry, entries)]
    regimes = Counter(placed[code][0] for code in goods if placed.get(code, (None, ""))[0] is not None)
    if not regimes:
        return None
    regime = regimes.most_common(1)[0][0]
    assert regime is not None
    counted = Counter(placed[code][1][0] for code in goods
                      if placed[code][0] == regime and EU_ENTRY.match(placed[code][1]))
    most = max(counted.values(), default=0)
    categories = frozenset(category for category, count in counted.items() if count == most)
    return Scope(regime, categories, tuple(goods))
