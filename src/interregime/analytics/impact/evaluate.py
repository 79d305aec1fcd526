"""Vectorised rule evaluation on a loaded catalog: who is captured, broken down by group, manufacturer,
year and segment; threshold sweeps with capture curves and the threshold range that separates best."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from interregime.analytics.impact.errors import ImpactError
from interregime.analytics.impact.mapping import GENERAL_PURPOSE, OF_CONCERN
from interregime.analytics.impact.rules import Rule, captured_expr, check_characteristics


@dataclass(frozen=True)
class Evaluation:
    rule: Rule
    frame: pl.DataFrame
    captured: list[str]
    not_captured: list[str]
    counts: dict[str, Any]


def _breakdown(frame: pl.DataFrame, by: str) -> dict[str, dict[str, float]]:
    table = (frame.group_by(by).agg(items=pl.len(), captured=pl.col("captured").sum())
             .with_columns(share=pl.col("captured") / pl.col("items")).sort(by, nulls_last=True))
    return {("unknown" if row[by] is None else str(row[by])):
            {"items": row["items"], "captured": row["captured"], "share": round(row["share"], 4)}
            for row in table.iter_rows(named=True)}


def mark_captured(frame: pl.DataFrame, rule: Rule, catalog: str) -> pl.DataFrame:
    check_characteristics(rule, frame.columns, catalog)
    return frame.with_columns(captured_expr(rule))


def evaluate(frame: pl.DataFrame, rule: Rule, catalog: str = "catalog") -> Evaluation:
    marked = mark_captured(frame, rule, catalog)
    captured = marked.filter(pl.col("captured"))["name"].to_list()
    not_captured = marked.filter(~pl.col("captured"))["name"].to_list()
    unknown = marked.select(missing=pl.any_horizontal(pl.col(rule.characteristics).is_null()).sum()).item()
    counts: dict[str, Any] = {
        "items": marked.height,
        "captured": len(captured),
        "not_captured": len(not_captured),
        "items_missing_a_rule_characteristic": int(unknown),
        "by_group": _breakdown(marked, "group"),
        "by_segment": _breakdown(marked, "segment"),
        "by_manufacturer": _breakdown(marked, "manufacturer"),
        "by_year": _breakdown(marked, "year"),
    }
    return Evaluation(rule, marked, captured, not_captured, counts)


@dataclass(frozen=True)
class SweepResult:
    characteristic: str
    direction: str
    thresholds: list[float]
    share_of_concern: list[float]
    share_general_purpose: list[float]
    items_of_concern: int
    items_general_purpose: int
    items_without_value: int
    best: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "characteristic": self.characteristic, "direction": self.direction,
            "items_of_concern": self.items_of_concern, "items_general_purpose": self.items_general_purpose,
            "items_without_value": self.items_without_value, "best": self.best,
            "curve": [{"threshold": t, "share_of_concern": c, "share_general_purpose": g}
                      for t, c, g in zip(self.thresholds, self.share_of_concern, self.share_general_purpose,
                                         strict=True)],
        }


MAX_SWEEP_STEPS = 1000


def thresholds(low: float, high: float, steps: int) -> list[float]:
    """Evenly spaced, or log-spaced when the range spans two decades or more of positive values."""
    if not 2 <= steps <= MAX_SWEEP_STEPS or not high > low:
        raise ImpactError(f"sweep needs LOW < HIGH and 2 <= STEPS <= {MAX_SWEEP_STEPS}, got {low}:{high}:{steps}")
    if low > 0 and high / low >= 100:
        ratio = (high / low) ** (1 / (steps - 1))
        return [low * ratio**i for i in range(steps)]
    return [low + (high - low) * i / (steps - 1) for i in range(steps)]


def sweep(frame: pl.DataFrame, characteristic: str, low: float, high: float, steps: int,
          direction: str = "above") -> SweepResult:
    """Capture share of each group for the rule ``characteristic >= t`` (or ``<= t`` when direction is
    'below') over the thresholds; ``best`` is the threshold range maximising TPR − FPR (share of items of
    concern captured minus share of general-purpose items captured), with both shares there."""
    if characteristic not in frame.columns:
        raise ImpactError(f"sweep: no characteristic {characteristic!r} in catalog")
    if direction not in ("above", "below"):
        raise ImpactError(f"sweep: direction must be 'above' or 'below', got {direction!r}")
    known = frame.filter(pl.col(characteristic).is_not_null() & pl.col(characteristic).is_not_nan())
    grid = thresholds(low, high, steps)
    column = pl.col(characteristic)
    exprs = [((column >= t) if direction == "above" else (column <= t)).alias(f"t{i}") for i, t in enumerate(grid)]
    shares = known.select(pl.col("group"), *exprs).group_by("group").agg(pl.len().alias("n"), pl.all().mean())
    by_group = {row["group"]: row for row in shares.iter_rows(named=True)}

    def curve(group: str) -> list[float]:
        row = by_group.get(group)
        return [round(float(row[f"t{i}"]), 4) if row else 0.0 for i in range(len(grid))]

    concern, general = curve(OF_CONCERN), curve(GENERAL_PURPOSE)
    result = SweepResult(
        characteristic, direction, [float(f"{t:.6g}") for t in grid], concern, general,
        int(by_group[OF_CONCERN]["n"]) if OF_CONCERN in by_group else 0,
        int(by_group[GENERAL_PURPOSE]["n"]) if GENERAL_PURPOSE in by_group else 0,
        frame.height - known.height,
    )
    if OF_CONCERN in by_group and GENERAL_PURPOSE in by_group:
        gaps = [c - g for c, g in zip(concern, general, strict=True)]
        top = max(gaps)
        winners = [i for i, gap in enumerate(gaps) if abs(gap - top) < 1e-12]
        first = winners[0]
        result.best.update({
            "criterion": "max TPR - FPR",
            "threshold_low": result.thresholds[winners[0]], "threshold_high": result.thresholds[winners[-1]],
            "tpr_minus_fpr": round(top, 4),
            "share_of_concern_captured": concern[first], "share_general_purpose_captured": general[first],
            "trade_off": (f"at {characteristic} {'>=' if direction == 'above' else '<='} "
                          f"{result.thresholds[first]:.6g}: {concern[first]:.1%} of items of concern and "
                          f"{general[first]:.1%} of general-purpose items captured"),
        })
    return result


def capture_by_year(marked: pl.DataFrame) -> list[dict[str, Any]]:
    """Share of each group captured per release year (rows without a year are left out)."""
    table = (marked.filter(pl.col("year").is_not_null())
             .group_by("year", "group").agg(items=pl.len(), captured=pl.col("captured").sum())
             .with_columns(share=(pl.col("captured") / pl.col("items")).round(4)).sort("year", "group"))
    return table.to_dicts()
