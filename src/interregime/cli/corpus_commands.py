"""`build`, `lists`, `show`, `warnings` and `fetch`: the corpus of control lists."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import sqlalchemy as sa
import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.tree import Tree

from interregime.cli.corpus_view import candidate_entry_codes, entry_view, find_item
from interregime.cli.output import Format, emit, stderr, stdout
from interregime.cli.params_commands import parameter_records
from interregime.cli.state import state
from interregime.domain.codes import split_code, to_eu_style
from interregime.domain.corpus import EditionContent, Entry, Item
from interregime.ingest import registry
from interregime.ingest.build import build as run_build
from interregime.ingest.fetch import fetch as run_fetch
from interregime.storage import corpus_store
from interregime.storage.parameter_store import load_parameters

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")]
SourcesOption = Annotated[Path | None, typer.Option("--sources", help="folder of source files")]


def build(
    ctx: typer.Context,
    sources: SourcesOption = None,
    only: Annotated[list[str] | None, typer.Option("--only", help="list id (repeatable), or 'members'")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Parse the official publications and store them; all or nothing."""
    cli = state(ctx)
    folder = cli.sources(sources)
    engine = cli.engine()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=stderr,
                  transient=True, disable=not stderr.is_terminal) as progress:
        task = progress.add_task("building", total=None)
        report = run_build(engine, folder, only, progress=lambda step: progress.update(task, description=step))
    rows = [
        {"list": c.control_list.id, "edition": c.edition.date.isoformat(), "entries": len(c.entries),
         "items": c.item_count, "notes": c.note_count, "definitions": len(c.definitions),
         "warnings": len(report.warnings.get(c.control_list.id, []))}
        for c in report.editions
    ]
    if report.memberships:
        rows.append({"list": "members", "edition": "", "entries": len(report.memberships), "items": 0, "notes": 0,
                     "definitions": 0, "warnings": len(report.warnings.get("members", []))})
    emit(rows, fmt, title="built")


def lists(ctx: typer.Context, fmt: FormatOption = Format.table) -> None:
    """One row per stored edition, with its counts and source hash."""
    rows = [
        {"list": s.list_id, "edition": s.date.isoformat(), "title": s.title, "regime": s.regime,
         "entries": s.entries, "items": s.items, "notes": s.notes, "definitions": s.definitions,
         "cross_references": s.cross_references, "source_file": s.source_file, "sha256": s.sha256}
        for s in corpus_store.list_editions(state(ctx).engine())
    ]
    columns = None if fmt != Format.table else ["list", "edition", "entries", "items", "notes", "definitions",
                                                 "cross_references", "sha256"]
    emit(rows, fmt, columns)


def show(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="2B001, 2B001.b.2, 2.B.1.b.2, ML10, 3A090.a")],
    list_id: Annotated[str | None, typer.Option("--list", help="list id; all lists when omitted")] = None,
    edition: Annotated[str | None, typer.Option("--edition", help="edition date or unique prefix")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """An entry or item with its sub-items, notes, definitions used and cross-references.
    With --list, JSON is one object; without, a list of objects (one per list having the code)."""
    if edition is not None and list_id is None:
        raise ValueError(f"--edition {edition!r} needs --list: editions are dated per list")
    engine = state(ctx).engine()
    targets = [list_id] if list_id else corpus_store.list_ids(engine)
    wanted = candidate_entry_codes(code)
    views: list[dict[str, Any]] = []
    for target in targets:
        # One load per list, by the list's code or the EU-style one: SCOMET 8B201 is EU-style 2B001.
        content = corpus_store.load_edition(engine, target, edition if list_id else None, codes=wanted,
                                            match_eu_code=True)
        entries = content.entries
        if list_id and any(entry.code in wanted for entry in entries):
            # With --list, the list's own numbering wins over an EU-style alias of another entry.
            entries = [entry for entry in entries if entry.code in wanted]
        found = [(entry, item) for entry in entries
                 if (item := find_item(entry, code) or _by_eu_code(entry, code)) is not None]
        if not found:
            continue
        parameters = _parameters(engine, content, [entry.code for entry, _item in found])
        views.extend(entry_view(content, entry, item, parameters.get(entry.code, {})) for entry, item in found)
    if not views:
        where = f"list {list_id}" if list_id else "any stored list"
        raise LookupError(f"no entry or item {code!r} in {where}")
    if fmt == Format.json:
        emit(views[0] if list_id else views, fmt)
    elif fmt == Format.csv:
        emit([{"list": v["list"], **i} for v in views for i in v["items"]], fmt,
             ["list", "code", "parent", "depth", "text", "notes", "defined_terms"])
    else:
        for view in views:
            _print_tree(view)


def _parameters(engine: sa.Engine, content: EditionContent,
                codes: list[str]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """The stored thresholds of the entries ``codes`` of an already loaded edition, by entry and item code."""
    by_entry: dict[str, dict[str, list[dict[str, Any]]]] = {}
    stored = load_parameters(engine, content.control_list.id, codes=codes, edition_date=content.edition.date)
    for found in stored:
        by_item = by_entry.setdefault(found.entry, {})
        for record in parameter_records([found.parameter]):
            by_item.setdefault(found.item, []).append({"role": found.role, "note": found.note_label, **record})
    return by_entry


def _by_eu_code(entry: Entry, code: str) -> Item | None:
    """The item of ``entry`` that EU-style ``code`` names, for entries numbered otherwise (SCOMET 8B201.a)."""
    if not entry.eu_code or entry.eu_code == entry.code:
        return None
    head, labels = split_code(to_eu_style(code))
    if head != entry.eu_code:
        return None
    return entry.item(".".join([entry.code, *labels])) if labels else entry.items[0]


def _print_tree(view: dict[str, object]) -> None:
    title = f"[bold]{view['list']}[/] {view['code']}  ({view['regime'] or 'national'}, edition {view['edition']})"
    tree = Tree(title)
    for item in view["items"]:  # type: ignore[attr-defined]
        node = tree.add(f"[cyan]{item['code']}[/] {item['text']}")
        for note in item["notes"]:
            node.add(f"[yellow]{note['label'] or note['kind']}[/] {note['text']}")
        for parameter in item["parameters"]:
            bound = (parameter["value"] if parameter["value"] is not None
                     else f"{parameter['low']}…{parameter['high']}")
            role = "" if parameter["role"] == "threshold" else f" ({parameter['role']} {parameter['note']})"
            node.add(f"[blue]⊳ {parameter['characteristic']} {parameter['comparator']} {bound} "
                     f"{parameter['unit']}[/]{role}")
    for ref in view["cross_references"]:  # type: ignore[attr-defined]
        tree.add(f"[magenta]{ref['kind']}[/] {ref['from']} → {ref['to_list']} {ref['to']}")
    for definition in view["definitions"]:  # type: ignore[attr-defined]
        tree.add(f"[green]\"{definition['term']}\"[/] {definition['text']}")
    stdout.print(tree)


def warnings(
    ctx: typer.Context,
    source: Annotated[str | None, typer.Option("--source", help="list id, 'members' or 'native-codes'")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """What the last build's parsers saw but did not consume."""
    known = [*registry.LIST_SOURCES, "members", "native-codes"]
    if source is not None and source not in known:
        raise ValueError(f"--source {source!r}: unknown source; known: {', '.join(known)}")
    rows = corpus_store.load_warnings(state(ctx).engine(), source)
    emit(rows, fmt, ["source", "file", "place", "message"])


def fetch(
    ctx: typer.Context,
    sources: SourcesOption = None,
    only: Annotated[list[str] | None, typer.Option("--only", help="list id (repeatable)")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Download the official publications into the sources folder and verify their pinned hashes."""
    folder = sources or state(ctx).sources_dir
    if folder is None:
        raise typer.BadParameter("pass --sources DIR (the folder to download into)")
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=stderr, transient=True,
                  disable=not stderr.is_terminal) as progress:
        task = progress.add_task("fetching", total=None)
        results = run_fetch(folder, only or registry.available_lists(),
                            progress=lambda step: progress.update(task, description=step))
    emit([r.as_row() for r in results], fmt)


def register(app: typer.Typer) -> None:
    app.command()(build)
    app.command()(lists)
    app.command()(show)
    app.command()(warnings)
    app.command()(fetch)
