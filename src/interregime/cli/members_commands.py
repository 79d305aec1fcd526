"""`members …`: the regimes' participants over time."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from interregime.analytics.membership import (
    CombinationReport,
    RegimeSetSummary,
    combinations,
    combinations_over_time,
    membership_matrix,
    participants_per_year,
    regime_set_summary,
    year_span,
)
from interregime.cli.output import Format, emit
from interregime.cli.state import state
from interregime.domain.regimes import EXPORT_CONTROL_REGIMES, Membership, MembershipStatus, Regime, State
from interregime.storage.membership_store import load_memberships

STATE_CODE = re.compile(r"[A-Za-z]{2}")

members_app = typer.Typer(help="Regime memberships: list, matrix, combinations, history, charts.",
                          no_args_is_help=True)

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")]


@members_app.command("list")
def list_members(
    ctx: typer.Context,
    regime: Annotated[str | None, typer.Option("--regime", help="WA, MTCR, NSG, AG or CWC")] = None,
    state_code: Annotated[str | None, typer.Option("--state", help="ISO 3166 alpha-2 code, or EU")] = None,
    status: Annotated[str, typer.Option(
        "--status", help="participant (default), adherent, observer, or all")] = "participant",
    fmt: FormatOption = Format.table,
) -> None:
    """Memberships with join years and sources (participants unless --status says otherwise)."""
    statuses = [s.value for s in MembershipStatus]
    if status != "all" and status not in statuses:
        raise ValueError(f"--status {status!r}: expected {', '.join(statuses)} or all")
    if state_code is not None and not STATE_CODE.fullmatch(state_code.strip()):
        raise ValueError(f"--state {state_code!r}: not an ISO 3166 alpha-2 code (e.g. FR) or EU")
    memberships = load_memberships(state(ctx).engine(), Regime.parse(regime) if regime else None,
                                   state_code.strip() if state_code else None)
    if status != "all":
        memberships = [m for m in memberships if m.status == MembershipStatus(status)]
    rows = [
        {"regime": m.regime.value, "state": m.state.code, "name": m.state.name, "status": m.status.value,
         "joined": m.joined, "left": m.left, "source": m.source}
        for m in memberships
    ]
    emit(rows, fmt, ["regime", "state", "name", "status", "joined", "left", "source"])


YearOption = Annotated[int | None, typer.Option("--year", help="as in this year (default: current)")]
RegimesOption = Annotated[
    str, typer.Option("--regimes", help="comma-separated regimes, e.g. WA,MTCR (default: all four)")
]


def _regimes(text: str | None) -> tuple[Regime, ...]:
    if not text:
        return EXPORT_CONTROL_REGIMES
    chosen = tuple(dict.fromkeys(Regime.parse(part) for part in text.split(",") if part.strip()))
    if not chosen:
        raise ValueError(f"--regimes {text!r} names no regime; e.g. WA,MTCR")
    return chosen


def _stored(ctx: typer.Context) -> list[Membership]:
    memberships = load_memberships(state(ctx).engine())
    if not memberships:
        raise LookupError("no memberships stored; run `interregime build --only members` first")
    return memberships


def _codes(states: Sequence[State]) -> list[str]:
    return [s.code for s in states]


def matrix_rows(memberships: Sequence[Membership], year: int | None, regimes: Sequence[Regime]) -> list[dict[str, Any]]:
    return [
        {"state": row.state.code, "name": row.state.name, **{r.value: row.cells.get(r) for r in regimes}}
        for row in membership_matrix(memberships, year, regimes)
    ]


def combination_payload(report: CombinationReport) -> dict[str, Any]:
    return {
        "year": report.year,
        "regimes": list(report.regimes),
        "participants": report.participant_count,
        "distinct_combinations": len(report.combinations),
        "in_all": _codes(report.in_all),
        "in_exactly_one": {r.value: _codes(states) for r, states in report.in_exactly_one.items()},
        "combinations": [
            {"regimes": list(c.regimes), "count": c.size, "states": _codes(c.states)} for c in report.combinations
        ],
        "non_sovereign_participants": [
            {"regimes": list(c.regimes), "states": _codes(c.states)} for c in report.non_sovereign
        ],
        "adherents": {r.value: _codes(states) for r, states in report.adherents.items()},
        "observers": {r.value: _codes(states) for r, states in report.observers.items()},
    }


def coordination_payload(summary: RegimeSetSummary) -> dict[str, Any]:
    return {
        "regimes": list(summary.regimes),
        "year": summary.year,
        "union": len(summary.union),
        "intersection": len(summary.intersection),
        "in_several": len(summary.in_several),
        "coordination_load": summary.coordination_load,
        "intersection_states": _codes(summary.intersection),
        "in_several_states": _codes(summary.in_several),
        "combinations": ["+".join(r.value for r in c.regimes) + f" ({c.size})" for c in summary.combinations],
    }


def history_rows(memberships: Sequence[Membership], years: range, regimes: Sequence[Regime]) -> list[dict[str, Any]]:
    counts = participants_per_year(memberships, years, regimes)
    reports = combinations_over_time(memberships, years, regimes)
    return [
        {
            "year": report.year,
            **{r.value: counts[year][r] for r in regimes},
            "participants": report.participant_count,
            "combinations": len(report.combinations),
            "in_all": len(report.in_all),
        }
        for year, report in zip(years, reports, strict=True)
    ]


@members_app.command("matrix")
def matrix(
    ctx: typer.Context, year: YearOption = None, regimes: RegimesOption = "", fmt: FormatOption = Format.table
) -> None:
    """State × regime matrix: participant, adherent or observer."""
    chosen = _regimes(regimes)
    emit(matrix_rows(_stored(ctx), year, chosen), fmt, ["state", "name", *(r.value for r in chosen)])


@members_app.command("combinations")
def combinations_command(
    ctx: typer.Context, year: YearOption = None, regimes: RegimesOption = "",
    summary: Annotated[bool, typer.Option(
        "--summary", help="JSON: one object with the counts, states in all or one regime, and the EU, "
                          "adherents and observers reported beside the combinations")] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Distinct regime combinations among sovereign participants, with the states in each.

    JSON is a list with one object per combination ({regimes, count, states}); --summary adds the figures."""
    payload = combination_payload(combinations(_stored(ctx), year, _regimes(regimes)))
    if fmt == Format.json:
        emit(payload if summary else payload["combinations"], fmt)
        return
    rows = [{**c, "regimes": "+".join(c["regimes"])} for c in payload["combinations"]]
    beside = [
        f"{'; '.join(c['states'])} participant in {'+'.join(r.value for r in c['regimes'])}"
        for c in payload["non_sovereign_participants"]
    ]
    beside += [f"{regime} adherents: {', '.join(codes)}" for regime, codes in payload["adherents"].items()]
    beside += [f"{regime} observers: {', '.join(codes)}" for regime, codes in payload["observers"].items()]
    title = (
        f"{payload['participants']} sovereign participants in {payload['distinct_combinations']} combinations"
        f" (not counted: {'; '.join(beside) or 'none'})"
    )
    emit(rows, fmt, ["regimes", "count", "states"], title=title)


@members_app.command("history")
def history(
    ctx: typer.Context,
    first: Annotated[int | None, typer.Option("--from", help="first year")] = None,
    last: Annotated[int | None, typer.Option("--to", help="last year (default: this year)")] = None,
    regimes: RegimesOption = "",
    fmt: FormatOption = Format.table,
) -> None:
    """Participants per regime and distinct combinations, year by year."""
    memberships = _stored(ctx)
    chosen = _regimes(regimes)
    span = year_span([m for m in memberships if m.regime in chosen], last)
    years = range(first if first is not None else span.start, span.stop)
    if not years:
        raise ValueError(f"--from {years.start} is after --to {span.stop - 1}")
    emit(history_rows(memberships, years, chosen), fmt,
         ["year", *(r.value for r in chosen), "participants", "combinations", "in_all"])


@members_app.command("coordination")
def coordination(
    ctx: typer.Context, regimes: RegimesOption = "", year: YearOption = None, fmt: FormatOption = Format.table
) -> None:
    """For a set of regimes: union, intersection, states in several, and the coordination load."""
    payload = coordination_payload(regime_set_summary(_stored(ctx), _regimes(regimes), year))
    columns = None if fmt == Format.json else ["regimes", "union", "intersection", "in_several",
                                               "coordination_load", "combinations"]
    emit(payload, fmt, columns)


OutOption = Annotated[Path, typer.Option("--out", help="output file, .png or .svg")]


@members_app.command("upset")
def upset(
    ctx: typer.Context, out: OutOption, year: YearOption = None, regimes: RegimesOption = "",
    fmt: FormatOption = Format.table,
) -> None:
    """UpSet plot of the regime combinations."""
    from interregime.analytics.membership_charts import chart_format, upset_chart

    chart_format(out)
    report = combinations(_stored(ctx), year, _regimes(regimes))
    if not report.combinations:
        when = report.year or "the current year"
        raise LookupError(f"no sovereign participants in {'+'.join(report.regimes)} in {when}; nothing to chart")
    path = upset_chart(report, out)
    emit({"written": str(path)}, fmt)


@members_app.command("timeline")
def timeline(
    ctx: typer.Context, out: OutOption, last: Annotated[int | None, typer.Option("--to", help="last year")] = None,
    regimes: RegimesOption = "", fmt: FormatOption = Format.table,
) -> None:
    """Participants per regime per year, with accession markers."""
    from interregime.analytics.membership_charts import chart_format, timeline_chart

    chart_format(out)
    memberships, chosen = _stored(ctx), _regimes(regimes)
    span = year_span([m for m in memberships if m.regime in chosen], last)
    if not any(any(counts.values()) for counts in participants_per_year(memberships, span, chosen).values()):
        raise LookupError(f"no participants in {'+'.join(r.value for r in chosen)} up to {span.stop - 1}; "
                          "nothing to chart")
    path = timeline_chart(memberships, out, last, chosen)
    emit({"written": str(path)}, fmt)


def register(app: typer.Typer) -> None:
    app.add_typer(members_app, name="members")
