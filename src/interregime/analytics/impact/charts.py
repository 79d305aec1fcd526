"""Impact charts with matplotlib (Agg): capture curves, a two-characteristic scatter with the rule
boundary, and capture share by release year. The file extension (.png or .svg) picks the format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import polars as pl
from matplotlib.figure import Figure

from interregime.analytics.impact.errors import ImpactError
from interregime.analytics.impact.evaluate import SweepResult
from interregime.analytics.impact.mapping import GENERAL_PURPOSE, OF_CONCERN, UNLABELLED
from interregime.analytics.impact.rules import Rule, captured_expr

COLOURS = {OF_CONCERN: "#c0392b", GENERAL_PURPOSE: "#2471a3", UNLABELLED: "#7f8c8d"}
LABELS = {OF_CONCERN: "of concern", GENERAL_PURPOSE: "general purpose", UNLABELLED: "unlabelled"}


def _save(figure: Figure, path: Path) -> Path:
    if path.suffix.lower() not in (".png", ".svg"):
        raise ImpactError(f"chart {path}: use a .png or .svg file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120, bbox_inches="tight")
    plt.close(figure)
    return path


def capture_curves(result: SweepResult, path: Path, title: str = "") -> Path:
    figure, axes = plt.subplots(figsize=(7, 4.5))
    axes.plot(result.thresholds, result.share_of_concern, color=COLOURS[OF_CONCERN], label=LABELS[OF_CONCERN])
    axes.plot(result.thresholds, result.share_general_purpose, color=COLOURS[GENERAL_PURPOSE],
              label=LABELS[GENERAL_PURPOSE])
    if result.best:
        axes.axvspan(result.best["threshold_low"], result.best["threshold_high"], color="#f5b041", alpha=0.3)
        axes.axvline(result.best["threshold_low"], color="#f39c12", linestyle="--", label="max TPR − FPR")
    positive = [t for t in result.thresholds if t > 0]
    if positive and len(positive) == len(result.thresholds) and max(positive) / min(positive) >= 100:
        axes.set_xscale("log")
    symbol = "≥" if result.direction == "above" else "≤"
    axes.set_xlabel(f"threshold: {result.characteristic} {symbol} t")
    axes.set_ylabel("share captured")
    axes.set_ylim(-0.02, 1.02)
    axes.set_title(title or f"capture curves, {result.characteristic}")
    axes.legend()
    return _save(figure, path)


def rule_scatter(frame: pl.DataFrame, rule: Rule, x: str, y: str, path: Path, title: str = "") -> Path:
    """Items on (x, y), coloured by group, captured items ringed; the rule region is shaded by evaluating
    the rule on a grid (so any rule over x and y alone draws its own boundary)."""
    others = [c for c in rule.characteristics if c not in (x, y)]
    if others:
        raise ImpactError(f"chart: the rule also uses {', '.join(others)}; a scatter shows only {x} and {y}")
    points = frame.filter(pl.col(x).is_not_null() & pl.col(y).is_not_null() & (pl.col(x) > 0) & (pl.col(y) > 0))
    if points.height == 0:
        raise ImpactError(f"chart: no item has both {x} and {y}")
    points = points.with_columns(captured_expr(rule))
    x_values, y_values = points[x].to_numpy(), points[y].to_numpy()
    xs = np.geomspace(float(x_values.min()) / 2, float(x_values.max()) * 2, 300)
    ys = np.geomspace(float(y_values.min()) / 2, float(y_values.max()) * 2, 300)
    grid_x, grid_y = np.meshgrid(xs, ys)
    grid = pl.DataFrame({x: grid_x.ravel(), y: grid_y.ravel()}).select(captured_expr(rule))
    inside = grid["captured"].to_numpy().reshape(grid_x.shape).astype(float)
    figure, axes = plt.subplots(figsize=(7, 5))
    axes.contourf(grid_x, grid_y, inside, levels=[0.5, 1.5], colors=["#f9e79f"], alpha=0.6)
    axes.contour(grid_x, grid_y, inside, levels=[0.5], colors=["#b7950b"], linewidths=1.2)
    for group, colour in COLOURS.items():
        subset = points.filter(pl.col("group") == group)
        if subset.height:
            axes.scatter(subset[x], subset[y], s=18, color=colour, label=LABELS[group], alpha=0.8)
    ringed = points.filter(pl.col("captured"))
    axes.scatter(ringed[x], ringed[y], s=60, facecolors="none", edgecolors="black", linewidths=0.7,
                 label="captured")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel(x)
    axes.set_ylabel(y)
    axes.set_title(title or rule.text)
    axes.legend(fontsize=8)
    return _save(figure, path)


def capture_by_year_chart(rows: list[dict[str, Any]], path: Path, title: str = "") -> Path:
    if not rows:
        raise ImpactError("chart: no item has a release year")
    figure, axes = plt.subplots(figsize=(8, 4.5))
    groups = [g for g in COLOURS if any(r["group"] == g for r in rows)]
    years = sorted({int(r["year"]) for r in rows})
    width = 0.8 / len(groups)
    for index, group in enumerate(groups):
        shares = {int(r["year"]): r["share"] for r in rows if r["group"] == group}
        axes.bar([y + (index - (len(groups) - 1) / 2) * width for y in years],
                 [shares.get(y, 0.0) for y in years], width=width, color=COLOURS[group], label=LABELS[group])
    axes.set_xlabel("release year")
    axes.set_ylabel("share captured")
    axes.set_ylim(0, 1.02)
    axes.set_title(title or "capture share by release year")
    axes.legend()
    return _save(figure, path)
