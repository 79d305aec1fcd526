"""An entry's family: the software and technology entries of its category that concern its goods.

The EU/CCL numbering puts goods in groups A-C and the software and technology for them in groups D
and E of the same category. Many D/E entries are "broad": once the codes they cite are stripped,
their main clause only says what activity they cover ("'technology' according to the General
Technology Note for the 'development' of equipment specified in …"). Such an entry covers goods of
its category, so goods entries of other regimes in that category are linked to it, and software
entries to broad technology for "development"/"production". Only the entries' own numbering
(category and group letter) and their text are used; the codes they cite are not.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from interregime.analytics.overlaps.text import strip_references, tokens
from interregime.analytics.overlaps.units import Unit

GOODS_GROUPS = frozenset("ABC")
KNOWHOW_GROUPS = frozenset("DE")
ACTIVITIES = frozenset({"development", "production", "use", "operation", "maintenance", "repair", "overhaul",
                        "installation", "refurbishing"})
# Words of the boilerplate clause of a broad software/technology entry: what is left after removing
# them is the entry's subject, and a broad entry has (almost) none.
BOILERPLATE = ACTIVITIES | frozenset({
    "technology", "software", "according", "general", "nuclear", "note", "equipment", "material", "good", "item",
    "commodity", "specially", "designed", "modified", "required", "described", "ecc", "list", "listed",
})
DEVELOPING = frozenset({"development", "production"})
MAX_SUBJECT_WORDS = 2


def subject_words(unit: Unit) -> list[str]:
    """Content words of the entry's heading that are not the software/technology boilerplate."""
    return [word for word in tokens(strip_references(unit.heading)) if word not in BOILERPLATE]


def is_broad_knowhow(unit: Unit) -> bool:
    """A D/E entry whose heading names an activity and (almost) nothing else."""
    if unit.group[1:] not in KNOWHOW_GROUPS:
        return False
    words = tokens(strip_references(unit.heading))
    return bool(ACTIVITIES & set(words)) and len(subject_words(unit)) <= MAX_SUBJECT_WORDS


def _category_links(category: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """1 between an entry flagged in ``first`` and one flagged in ``second`` (either way round) of the
    same category; 0 on the diagonal."""
    same = (category[:, None] == category[None, :]) & (category[:, None] != "")
    linked = same & ((first[:, None] & second[None, :]) | (second[:, None] & first[None, :]))
    np.fill_diagonal(linked, False)
    return np.asarray(linked, dtype=np.float64)


def family_links(units: Sequence[Unit]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Three unit × unit matrices over entries of one category:

    - support: goods ↔ broad software/technology;
    - develops: goods ↔ broad software/technology for their "development" or "production" (the CCL
      sends every goods entry's development and production technology to such entries, whichever
      regime the goods come from);
    - knowhow: software ↔ broad technology for "development"/"production" (the technology for
      developing the software)."""
    category = np.asarray([unit.group[:1] for unit in units], dtype=object)
    goods = np.asarray([unit.group[1:] in GOODS_GROUPS for unit in units], dtype=bool)
    knowhow = np.asarray([unit.group[1:] in KNOWHOW_GROUPS for unit in units], dtype=bool)
    broad = np.asarray([is_broad_knowhow(unit) for unit in units], dtype=bool)
    develops = broad & np.asarray([bool(DEVELOPING & set(tokens(unit.heading))) for unit in units], dtype=bool)
    technology = np.asarray([unit.group[1:] == "E" for unit in units], dtype=bool)
    return (_category_links(category, goods, broad), _category_links(category, goods, develops),
            _category_links(category, knowhow & ~technology, develops & technology))
