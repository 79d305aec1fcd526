"""Membership charts: an UpSet plot of the regime combinations and a timeline of accessions.
Written as PNG (Agg renderer) or SVG according to the output file's extension. Figures are built
without pyplot, so no global figure state or interactive backend is involved."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from matplotlib.figure import Figure

from interregime.analytics.membership import (
    FOUNDING_YEAR,
    CombinationReport,
    accessions,
    participants_per_year,
    year_span,
)
from interregime.domain.regimes import EXPORT_CONTROL_REGIMES, Membership, MembershipStatus, Regime

CHART_FORMATS = {".png": "png", ".svg": "svg"}
REGIME_COLOURS: dict[Regime, str] = {
    Regime.WA: "#1f77b4",
    Regime.MTCR: "#d62728",
    Regime.NSG: "#2ca02c",
    Regime.AG: "#9467bd",
    Regime.CWC: "#8c564b",
}


def chart_format(path: Path) -> str:
    fmt = CHART_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: unsupported chart format {path.suffix!r}; use .png or .svg")
    return fmt


def _save(figure: Figure, path: Path) -> Path:
    fmt = chart_format(path)
    figure.savefig(path, format=fmt, dpi=150, bbox_inches="tight")
    return path


def _beside_note(report: CombinationReport) -> str:
    parts = [
        f"{', '.join(s.name for s in c.states)}: {'+'.join(r.value for r in c.regimes)} participant"
        for c in report.non_sovereign
    ]
    parts += [f"{r.value} adherents: {', '.join(s.code for s in states)}" for r, states in report.adherents.items()]
    parts += [f"{r.value} observers: {', '.join(s.name for s in states)}" for r, states in report.observers.items()]
    return "Not counted above — " + "; ".join(parts) if parts else ""


def upset_chart(report: CombinationReport, path: Path) -> Path:
    """Bars of combination sizes over a dot matrix of the regimes each combination holds."""
    chart_format(path)
    combos = report.combinations
    regimes = report.regimes
    columns = range(len(combos))
    figure = Figure(figsize=(max(6.0, 0.8 * len(combos) + 3), 5.5))
    bars, dots = figure.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 1.4]})
    sizes = [c.size for c in combos]
    bars.bar(columns, sizes, color="#444444", width=0.6)
    for x, size in zip(columns, sizes, strict=True):
        bars.text(x, size, str(size), ha="center", va="bottom", fontsize=9)
    bars.set_ylabel("sovereign participants")
    when = "current" if report.year is None else str(report.year)
    bars.set_title(
        f"Regime membership combinations ({when}): {report.participant_count} states, "
        f"{len(combos)} distinct combinations"
    )
    bars.spines[["top", "right"]].set_visible(False)
    for x, combo in zip(columns, combos, strict=True):
        held = [row for row, r in enumerate(regimes) if r in combo.regimes]
        dots.scatter([x] * len(regimes), range(len(regimes)), color="#dddddd", s=60, zorder=1)
        dots.scatter([x] * len(held), held, color="#222222", s=60, zorder=3)
        if len(held) > 1:
            dots.plot([x, x], [min(held), max(held)], color="#222222", linewidth=2, zorder=2)
    dots.set_yticks(range(len(regimes)), [r.value for r in regimes])
    dots.set_ylim(-0.6, len(regimes) - 0.4)
    dots.invert_yaxis()
    dots.set_xticks([])
    dots.spines[["top", "right", "bottom", "left"]].set_visible(False)
    note = _beside_note(report)
    if note:
        figure.text(0.01, -0.02, note, fontsize=7, wrap=True, va="top")
    return _save(figure, path)


def timeline_chart(
    memberships: Sequence[Membership],
    path: Path,
    last_year: int | None = None,
    regimes: Sequence[Regime] = EXPORT_CONTROL_REGIMES,
) -> Path:
    """Sovereign participants per regime per year, with a marker at each year states joined."""
    chart_format(path)
    years = list(year_span([m for m in memberships if m.regime in regimes], last_year))
    counts = participants_per_year(memberships, years, regimes)
    joined = Counter((m.regime, m.joined) for m in accessions(memberships, regimes))
    figure = Figure(figsize=(10, 5.5))
    axes = figure.subplots()
    for regime in regimes:
        active = [y for y in years if counts[y][regime]]
        if not active:
            continue
        shown = years[years.index(active[0]) :]
        series = [counts[y][regime] for y in shown]
        colour = REGIME_COLOURS[regime]
        axes.step(shown, series, where="post", color=colour, label=f"{regime.value} ({series[-1]})")
        marks = [(year, n) for (r, year), n in joined.items() if r is regime and year is not None]
        axes.scatter(
            [year for year, _ in marks],
            [counts[year][regime] for year, _ in marks],
            s=[14 + 10 * n for _, n in marks],
            color=colour,
            alpha=0.7,
            zorder=3,
        )
    axes.set_ylim(bottom=0)
    axes.set_xlabel("year")
    axes.set_ylabel("sovereign participants")
    axes.set_title("Participants per regime; markers: accessions (size = states joining that year)")
    axes.legend(loc="upper left", frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    unknown = sorted(
        {
            m.regime.value
            for m in memberships
            if m.regime in regimes
            and m.joined is None
            and m.status is MembershipStatus.PARTICIPANT
            and m.state.is_sovereign
        }
    )
    if unknown:
        founded = ", ".join(f"{r} {FOUNDING_YEAR[Regime(r)]}" for r in unknown)
        figure.text(
            0.01, -0.01, f"Unknown join years count from the regime's founding ({founded}).", fontsize=8, va="top"
        )
    return _save(figure, path)
