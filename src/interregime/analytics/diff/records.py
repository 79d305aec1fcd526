"""Change records: what changed between two editions, at which level, with its word diff and the
thresholds that moved."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from interregime.analytics.diff.words import Segment, render_html, render_text
from interregime.domain.corpus import Edition


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    RENUMBERED = "renumbered"
    CHANGED = "changed"


class ChangeLevel(StrEnum):
    ENTRY = "entry"
    ITEM = "item"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Change:
    """One change. Codes are empty on the side where the entry, item or note does not exist; for a
    note they are the codes of the item holding it and ``label`` says which note.
    ``similarity`` is the share of words kept (0.0 for additions and removals)."""

    kind: ChangeKind
    level: ChangeLevel
    old_code: str
    new_code: str
    old_text: str
    new_text: str
    similarity: float
    segments: tuple[Segment, ...] = ()
    parameter_changes: tuple[str, ...] = ()
    label: str = ""

    @property
    def code(self) -> str:
        return self.new_code or self.old_code

    @property
    def word_diff(self) -> str:
        return render_text(self.segments)

    @property
    def word_diff_html(self) -> str:
        return render_html(self.segments)

    def as_record(self) -> dict[str, object]:
        return {
            "kind": self.kind.value, "level": self.level.value, "old_code": self.old_code,
            "new_code": self.new_code, "label": self.label, "old_text": self.old_text, "new_text": self.new_text,
            "word_diff": self.word_diff, "parameter_changes": list(self.parameter_changes),
            "similarity": round(self.similarity, 3),
        }


_PARTS = re.compile(r"(\d+)")


def code_order(code: str) -> tuple[tuple[int, str], ...]:
    """Natural order of codes: 1C2 before 1C10, 2B001.b.2 before 2B001.b.10."""
    return tuple((int(part), "") if part.isdigit() else (-1, part) for part in _PARTS.split(code) if part)


@dataclass(slots=True)
class EditionDiff:
    old: Edition
    new: Edition
    changes: list[Change] = field(default_factory=list)
    editorial_only: int = 0

    def counts(self) -> dict[str, int]:
        """Changes by ``kind/level``, e.g. ``{"added/entry": 18, ...}``."""
        counted = Counter(f"{change.kind.value}/{change.level.value}" for change in self.changes)
        return dict(sorted(counted.items()))

    def of_kind(self, kind: ChangeKind) -> list[Change]:
        return [change for change in self.changes if change.kind is kind]
