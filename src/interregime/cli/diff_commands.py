"""`diff`: what changed between two editions of a list, or between two lists numbered alike."""

from __future__ import annotations

from typing import Annotated

import typer

from interregime.analytics.diff import ChangeKind, diff_editions
from interregime.cli.output import Format, emit
from interregime.cli.state import state
from interregime.storage import corpus_store

TABLE_COLUMNS = ["kind", "level", "old_code", "new_code", "similarity", "summary"]
CSV_COLUMNS = ["kind", "level", "old_code", "new_code", "label", "similarity", "parameter_changes", "word_diff",
               "old_text", "new_text"]
SUMMARY_CHARACTERS = 160


def _summary(record: dict[str, object]) -> str:
    parameters = record["parameter_changes"]
    if isinstance(parameters, list) and parameters:
        return "; ".join(map(str, parameters))
    text = str(record["word_diff"] or record["new_text"] or record["old_text"])
    return text if len(text) <= SUMMARY_CHARACTERS else text[: SUMMARY_CHARACTERS - 1] + "…"


def diff(
    ctx: typer.Context,
    list_id: Annotated[str, typer.Argument(help="list id, e.g. in-scomet")],
    old: Annotated[str, typer.Argument(help="old edition: a date or a unique prefix (2018)")],
    new: Annotated[str, typer.Argument(help="new edition: a date or a unique prefix (2024)")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")] = Format.table,
    kind: Annotated[list[ChangeKind] | None, typer.Option(
        "--kind", help="only changes of this kind (repeatable)")] = None,
    against: Annotated[str | None, typer.Option(
        "--against", help="take NEW from this list, numbered like LIST (no-list-ii vs eu-annex-i)")] = None,
) -> None:
    """Entries, items and notes added, removed, renumbered and changed from OLD to NEW.
    JSON is a list of change records."""
    engine = state(ctx).engine()
    old_content = corpus_store.load_edition(engine, list_id, old)
    new_content = corpus_store.load_edition(engine, against or list_id, new)
    result = diff_editions(old_content, new_content)
    wanted = set(kind) if kind else set(ChangeKind)
    records = [change.as_record() for change in result.changes if change.kind in wanted]
    if fmt == Format.table:
        rows = [{**record, "summary": _summary(record)} for record in records]
        title = (f"{result.old.key} → {result.new.key}: "
                 + ", ".join(f"{count} {name}" for name, count in result.counts().items()))
        emit(rows, fmt, TABLE_COLUMNS, title=title)
        return
    emit(records, fmt, CSV_COLUMNS if fmt == Format.csv else None)


def register(app: typer.Typer) -> None:
    app.command()(diff)
