"""`proposal …` and `consensus`: the workspace where proposed controls are agreed stage by stage."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from interregime.cli.output import Format, emit, to_json
from interregime.cli.proposal_io import (
    ProposalFileError,
    check_document,
    document_record,
    parse_parameter,
    positions_csv,
    read_csv,
    read_json,
)
from interregime.cli.state import state
from interregime.domain.consensus import (
    CoordinationTopic,
    StageConsensus,
    check_can_advance,
    check_position,
    coordination_set,
    divergences,
    parse_overrides,
    proposal_consensus,
    what_if,
)
from interregime.domain.proposal_codec import check_identifier, check_state_code, proposal_record
from interregime.domain.proposals import ListEntryRef, Position, PositionKind, Proposal, Stage
from interregime.domain.regimes import Membership, Regime
from interregime.storage import workspace_store as store
from interregime.storage.membership_store import load_memberships

proposal_app = typer.Typer(help="Control proposals: create, redefine, move through stages, record positions.",
                           no_args_is_help=True)

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")]
IdentArgument = Annotated[str, typer.Argument(help="proposal identifier")]
DateOption = Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD (default: today)")]
EntriesOption = Annotated[list[str] | None, typer.Option("--entry", help="list entry LIST:CODE (repeatable)")]
ParametersOption = Annotated[list[str] | None, typer.Option(
    "--parameter", help="'laser power >= 1000 W' or 'build volume = 0.02..0.5 m**3' (repeatable)")]
RevisionOption = Annotated[int | None, typer.Option(
    "--revision", help="the revision you edited (from `show`); a newer stored revision is a conflict")]


def _date(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"--date {text!r} is not YYYY-MM-DD") from None


def _memberships(ctx: typer.Context) -> list[Membership]:
    memberships = load_memberships(state(ctx).engine())
    if not memberships:
        raise LookupError("no memberships stored; run `interregime build --only members` first")
    return memberships


def consensus_rows(results: Sequence[StageConsensus]) -> list[dict[str, Any]]:
    return [
        {"proposal": c.proposal_id, "regime": c.regime.value, "stage": c.stage.value, "status": c.status.value,
         "blocked_by": list(c.blocked_by), "reservations": [p.state for p in c.reservations],
         "participants": len(c.participants), "spoken": len(c.participants) - len(c.pending),
         "pending": list(c.pending)}
        for c in results
    ]


def _brief(rows: list[dict[str, Any]], fmt: Format) -> list[dict[str, Any]]:
    """In a table, long state lists become a count with the first few codes."""
    if fmt != Format.table:
        return rows
    return [{k: f"{len(v)}: {', '.join(v[:5])}, ..." if isinstance(v, list) and len(v) > 6 else v
             for k, v in row.items()} for row in rows]


CONSENSUS_COLUMNS = ["proposal", "regime", "stage", "status", "blocked_by", "reservations", "participants",
                     "spoken", "pending"]


def _summary(p: Proposal) -> dict[str, Any]:
    return {"id": p.id, "regime": p.regime.value, "topic": p.topic, "stage": p.stage.value, "title": p.title,
            "technology": p.technology, "version": p.current.number, "revision": p.revision,
            "positions": len(p.positions)}


@proposal_app.command("create")
def create(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(help="identifier, e.g. wa-2025-am-pbf")],
    title: Annotated[str, typer.Option("--title", help="short title of the proposed control")],
    regime: Annotated[str, typer.Option("--regime", help="WA, MTCR, NSG, AG")],
    description: Annotated[str, typer.Option("--description", help="the proposed control text")],
    technology: Annotated[str, typer.Option("--technology", help="technology the control is about")] = "",
    states: Annotated[list[str] | None, typer.Option("--state", help="originating state (repeatable)")] = None,
    entries: EntriesOption = None,
    parameters: ParametersOption = None,
    topic: Annotated[str | None, typer.Option("--topic", help="an existing coordination topic")] = None,
    date: DateOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Create a proposal in one regime, at the threat stage."""
    created = _date(date)
    proposal = Proposal(check_identifier(ident, "IDENT"), title, Regime.parse(regime), technology, created,
                        tuple(check_state_code(s, "--state") for s in states or ()), topic=topic)
    proposal.redefine(created, description, tuple(ListEntryRef.parse(e) for e in entries or ()),
                      tuple(parse_parameter(p) for p in parameters or ()))
    store.create_proposal(state(ctx).engine(), proposal)
    emit(_summary(proposal), fmt)


@proposal_app.command("redefine")
def redefine(
    ctx: typer.Context,
    ident: IdentArgument,
    description: Annotated[str, typer.Option("--description", help="the redefined control text")],
    entries: EntriesOption = None,
    parameters: ParametersOption = None,
    note: Annotated[str, typer.Option("--note", help="why the text changed")] = "",
    revision: RevisionOption = None,
    date: DateOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Append a new version of the text (entries and parameters not given are kept)."""
    engine = state(ctx).engine()
    proposal = store.load_proposal(engine, ident)
    version = proposal.redefine(
        _date(date), description,
        tuple(ListEntryRef.parse(e) for e in entries) if entries else None,
        tuple(parse_parameter(p) for p in parameters) if parameters else None, note,
    )
    edited = proposal.revision if revision is None else revision
    proposal.revision = store.append_version(engine, ident, version, edited)
    emit(_summary(proposal), fmt)


@proposal_app.command("stage")
def stage(
    ctx: typer.Context,
    ident: IdentArgument,
    target: Annotated[str, typer.Argument(help="need, items, parameters, adopted or withdrawn")],
    outcome: Annotated[str, typer.Option("--outcome", help="what was agreed in the stage being left")] = "",
    parameters: ParametersOption = None,
    force: Annotated[bool, typer.Option("--force", help="advance without consensus on the current stage")] = False,
    revision: RevisionOption = None,
    date: DateOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Move the proposal to its next stage (needs consensus on the current one), or withdraw it."""
    engine = state(ctx).engine()
    proposal = store.load_proposal(engine, ident)
    on = _date(date)
    goal = Stage.parse(target)
    transition = proposal.check_transition(goal, on, outcome, tuple(parse_parameter(p) for p in parameters or ()))
    if not force:
        check_can_advance(proposal, goal, _memberships(ctx), on)
    proposal.transitions.append(transition)
    edited = proposal.revision if revision is None else revision
    proposal.revision = store.record_transition(engine, ident, transition, edited)
    emit(_summary(proposal), fmt)


@proposal_app.command("position")
def position(
    ctx: typer.Context,
    ident: IdentArgument,
    state_code: Annotated[str, typer.Argument(metavar="STATE", help="ISO 3166 alpha-2 code, or EU")],
    kind: Annotated[str, typer.Argument(
        metavar="POSITION", help="support, 'support with reservation', 'no position', oppose, block")],
    stage_name: Annotated[str | None, typer.Option("--stage", help="default: the current stage")] = None,
    reason: Annotated[str, typer.Option("--reason", help="why the state takes this position")] = "",
    date: DateOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Record a participant's position on a stage (appended; the latest position counts)."""
    engine = state(ctx).engine()
    proposal = store.load_proposal(engine, ident)
    held = Position(state_code.strip().upper(), Stage.parse(stage_name) if stage_name else proposal.stage,
                    PositionKind.parse(kind), _date(date), reason)
    check_position(proposal, held, _memberships(ctx))
    store.record_positions(engine, ident, [held])
    emit({"proposal": ident, "state": held.state, "stage": held.stage.value, "position": held.kind.value,
          "date": held.date, "reason": held.reason}, fmt)


@proposal_app.command("show")
def show(ctx: typer.Context, ident: IdentArgument, date: DateOption = None, fmt: FormatOption = Format.table) -> None:
    """A proposal: versions, stage outcomes, current positions and consensus per stage."""
    proposal = store.load_proposal(state(ctx).engine(), ident)
    results = proposal_consensus(proposal, _memberships(ctx), _date(date))
    if fmt == Format.json:
        emit({**proposal_record(proposal), "consensus": consensus_rows(results)}, fmt)
        return
    if fmt == Format.csv:
        emit(consensus_rows(results), fmt, CONSENSUS_COLUMNS)
        return
    emit(_summary(proposal), fmt)
    emit([{"version": v.number, "date": v.date, "description": v.description,
           "entries": [str(e) for e in v.list_entries],
           "parameters": [_parameter_text(p) for p in v.parameters], "note": v.note} for v in proposal.versions],
         fmt, title="Versions")
    emit([{"stage": o.stage.value, "agreed": o.date, "outcome": o.text,
           "parameters": [_parameter_text(p) for p in o.parameters]} for o in proposal.outcomes()],
         fmt, ["stage", "agreed", "outcome", "parameters"], title="Stage outcomes")
    current = [p for s in proposal.reached_stages() for p in proposal.current_positions(s).values()]
    emit([{"stage": p.stage.value, "state": p.state, "position": p.kind.value, "date": p.date, "reason": p.reason}
          for p in current], fmt, ["stage", "state", "position", "date", "reason"], title="Current positions")
    emit(_brief(consensus_rows(results), fmt), fmt, CONSENSUS_COLUMNS, title="Consensus")


def _parameter_text(p: Any) -> str:
    if p.value is None:
        return f"{p.characteristic} {p.low}..{p.high} {p.unit}".strip()
    return f"{p.characteristic} {p.comparator.value} {p.value:g} {p.unit}".strip()


@proposal_app.command("list")
def list_command(
    ctx: typer.Context,
    topic: Annotated[str | None, typer.Option("--topic", help="only proposals of this topic")] = None,
    regime: Annotated[str | None, typer.Option("--regime", help="only proposals in this regime")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Proposals with their regime, topic, stage and revision."""
    engine = state(ctx).engine()
    if topic is not None and topic not in {t.id for t in store.list_topics(engine)}:
        raise LookupError(f"no coordination topic {topic!r}")
    proposals = store.list_proposals(engine, topic, Regime.parse(regime) if regime else None)
    emit([_summary(p) for p in proposals], fmt,
         ["id", "regime", "topic", "stage", "title", "technology", "version", "revision", "positions"])


@proposal_app.command("link")
def link(
    ctx: typer.Context,
    topic: Annotated[str, typer.Argument(help="coordination topic id (created if new)")],
    proposals: Annotated[list[str], typer.Argument(help="proposal ids")],
    title: Annotated[str | None, typer.Option("--title", help="title of a new topic")] = None,
    technology: Annotated[str, typer.Option("--technology", help="technology of a new topic")] = "",
    fmt: FormatOption = Format.table,
) -> None:
    """Link proposals in several regimes about the same technology into one coordination topic."""
    engine = state(ctx).engine()
    stored = {p.id for p in store.list_proposals(engine)}
    missing = [ident for ident in proposals if ident not in stored]
    if missing:
        raise LookupError(f"no proposal {missing[0]!r}")
    known = {t.id: t for t in store.list_topics(engine)}
    if topic not in known or title is not None or technology:
        existing = known.get(topic)
        store.save_topic(engine, CoordinationTopic(
            topic, title or (existing.title if existing else topic),
            technology or (existing.technology if existing else ""),
            existing.description if existing else "",
        ))
    store.link(engine, topic, proposals)
    emit([_summary(p) for p in store.load_topic(engine, topic).proposals], fmt)


@proposal_app.command("export")
def export(
    ctx: typer.Context,
    topic: Annotated[str | None, typer.Option("--topic", help="only this topic's proposals")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="file to write (default: stdout)")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json or csv")] = Format.json,
) -> None:
    """Proposals with versions, transitions and positions, as JSON (re-importable) or CSV (one row per position)."""
    engine = state(ctx).engine()
    topics = [t for t in store.list_topics(engine) if topic is None or t.id == topic]
    if topic is not None and not topics:
        raise LookupError(f"no coordination topic {topic!r}")
    proposals = store.list_proposals(engine, topic)
    if fmt == Format.csv:
        text = positions_csv(proposals)
    elif fmt == Format.json:
        text = to_json(document_record(topics, proposals)) + "\n"
    else:
        raise typer.BadParameter("export writes json or csv")
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


@proposal_app.command("import")
def import_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help=".json (topics and proposals) or .csv (positions)")],
    fmt: FormatOption = Format.table,
) -> None:
    """Import a JSON document of topics and proposals, or a CSV of positions; all checked before writing."""
    if not path.is_file():
        raise ProposalFileError(f"{path}: {'is a folder, not a file' if path.is_dir() else 'no such file'}")
    engine = state(ctx).engine()
    memberships = _memberships(ctx)
    if path.suffix.lower() == ".csv":
        existing = {p.id: p for p in store.list_proposals(engine)}
        rows = read_csv(path, existing, memberships)
        for proposal in rows.new_proposals:
            store.create_proposal(engine, proposal)
        for ident in dict.fromkeys(ident for ident, _ in rows.positions):
            store.record_positions(engine, ident, [p for i, p in rows.positions if i == ident])
        emit({"file": str(path), "proposals_created": len(rows.new_proposals),
              "positions": len(rows.positions)}, fmt)
        return
    if path.suffix.lower() != ".json":
        raise ProposalFileError(f"{path}: expected a .json or .csv file")
    document = read_json(path)
    stored_topics = store.list_topics(engine)
    check_document(path, document, memberships, stored_topics, {p.id for p in store.list_proposals(engine)})
    for topic in document.topics:
        if topic.id not in {t.id for t in stored_topics}:
            store.save_topic(engine, topic)
    for proposal in document.proposals:
        store.create_proposal(engine, proposal)
    emit({"file": str(path), "topics": len(document.topics), "proposals": len(document.proposals),
          "positions": sum(len(p.positions) for p in document.proposals)}, fmt)


def consensus_command(
    ctx: typer.Context,
    topic: Annotated[str, typer.Argument(help="coordination topic id")],
    what_if_text: Annotated[str | None, typer.Option(
        "--what-if", help="STATE=POSITION,... e.g. 'RU=support,CN=no position'")] = None,
    date: DateOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Consensus across a topic's proposals: per stage, the coordination set, diverging states, what-if."""
    engine = state(ctx).engine()
    memberships = _memberships(ctx)
    linked = store.load_topic(engine, topic)
    on = _date(date)
    if what_if_text is not None:
        scenario = what_if(linked, memberships, parse_overrides(what_if_text), on)
        rows = [{"proposal": r.before.proposal_id, "regime": r.before.regime.value, "stage": r.before.stage.value,
                 "before": r.before.status.value, "after": r.after.status.value, "newly_reached": r.newly_reached,
                 "still_blocked_by": list(r.after.blocked_by), "still_pending": list(r.after.pending)}
                for r in scenario]
        columns = ["proposal", "regime", "stage", "before", "after", "newly_reached", "still_blocked_by",
                   "still_pending"]
        emit(_brief(rows, fmt), fmt, columns, title=f"What if {what_if_text}")
        return
    rows = consensus_rows([c for p in linked.proposals for c in proposal_consensus(p, memberships, on)])
    seats = coordination_set(linked, memberships, on)
    diverging: list[dict[str, Any]] = [{"state": d.state, "conflicting": d.conflicting,
                  "positions": {pid: kind.value if kind else "not spoken" for pid, _, kind in d.positions}}
                 for d in divergences(linked, memberships, on)]
    if fmt == Format.json:
        emit({"topic": linked.id, "title": linked.title, "regimes": [r.value for r in linked.regimes],
              "stages": rows, "coordination_set": {s: [r.value for r in regimes] for s, regimes in seats.items()},
              "divergences": diverging}, fmt)
        return
    emit(_brief(rows, fmt), fmt, CONSENSUS_COLUMNS, title=f"{linked.title}: {len(seats)} states to coordinate")
    if fmt == Format.table:
        emit([{**d, "positions": [f"{k}: {v}" for k, v in d["positions"].items()]} for d in diverging], fmt,
             ["state", "conflicting", "positions"], title="States whose positions differ between regimes")


def register(app: typer.Typer) -> None:
    app.add_typer(proposal_app, name="proposal")
    app.command("consensus")(consensus_command)
