"""Scoring the concordance against hand-checked labels: one row per national entry naming the regime
(or "national") and the regime entry it implements, grouped by the sample the label was drawn in."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from interregime.analytics.concordance.mapping import ConcordanceRow

NATIONAL = "national"


@dataclass(frozen=True)
class Label:
    list_id: str
    code: str
    regime: str
    regime_entry: str
    sample: str
    note: str = ""


@dataclass
class Score:
    sample: str
    right: int = 0
    misses: list[tuple[Label, ConcordanceRow]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.right + len(self.misses)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


def read_labels(path: Path) -> list[Label]:
    with path.open(encoding="utf-8") as stream:
        return [Label(row["list"], row["code"], row["regime"], row["regime_entry"], row.get("sample") or "s1",
                      row.get("note", "")) for row in csv.DictReader(stream)]


def entry_of(row: ConcordanceRow) -> str:
    """The row's regime entry without sub-paragraph labels (CWC schedule numbers kept whole)."""
    return row.regime_entry if row.regime_entry.startswith("Schedule") else row.regime_entry.split(".")[0]


def agrees(row: ConcordanceRow, label: Label) -> bool:
    """Regime and entry both right. A label may name alternatives ("9E101|9E102") for an entry spanning
    several regime entries; a label without an entry accepts any entry of the right regime."""
    regime = row.regime.value if row.regime else NATIONAL
    return regime == label.regime and (not label.regime_entry or entry_of(row) in label.regime_entry.split("|"))


def score(rows: Mapping[tuple[str, str], ConcordanceRow], labels: Iterable[Label]) -> dict[str, Score]:
    """Accuracy per sample; a labelled entry missing from ``rows`` is a KeyError, not a silent miss."""
    scores: dict[str, Score] = {}
    for label in labels:
        result = scores.setdefault(label.sample, Score(label.sample))
        row = rows[(label.list_id, label.code)]
        if agrees(row, label):
            result.right += 1
        else:
            result.misses.append((label, row))
    return scores
