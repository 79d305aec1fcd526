"""`classify`: from product descriptions to the control-list entries that may cover them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from interregime.analytics.search.methods import Method
from interregime.cli.input_files import read_csv, read_text
from interregime.cli.output import Format, emit, stderr, to_json
from interregime.cli.state import state

if TYPE_CHECKING:
    from interregime.analytics.search.classifier import ResultGroup

TABLE_COLUMNS = ["entry", "list", "code", "regime", "score", "item", "check", "members"]
CSV_COLUMNS = ["entry", "list", "code", "regime", "score", "item", "item_text", "check", "members", "related",
               "explanation"]


def _flat(group: ResultGroup, fmt: Format) -> dict[str, Any]:
    record = group.to_json()
    record["members"] = [f"{m['list']}:{m['code']}" for m in record["members"]]
    record["check"] = record["check"]["verdict"] if record["check"] else ""
    if fmt == Format.table:
        record["item"] = f"{group.item} {group.item_text[:70]}"
    return record


def _descriptions(path: Path, column: str | None) -> list[str]:
    columns, rows = read_csv(path)
    if not rows:
        raise ValueError(f"{path} holds no rows under a header line")
    name = column or columns[0]
    if name not in columns:
        raise ValueError(f"{path} has no column {name!r}; columns: {', '.join(columns)}")
    return [row.get(name) or "" for _, row in rows]


def classify(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help="product description")] = None,
    top: Annotated[int, typer.Option("--top", "-k", min=1, help="number of entry groups per query")] = 10,
    list_id: Annotated[str | None, typer.Option("--list", help="only entries of this list")] = None,
    queries: Annotated[Path | None, typer.Option("--queries", help="file with one description per line",
                                                 exists=True, dir_okay=False)] = None,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="CSV of product descriptions",
                                                  exists=True, dir_okay=False)] = None,
    column: Annotated[str | None, typer.Option("--column", help="CSV column holding the description")] = None,
    method: Annotated[Method | None, typer.Option("--method", help="hybrid (default when the model is "
                                                  "installed), bm25 or dense")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json, csv or table")] = Format.json,
) -> None:
    """Rank the entries (grouped across lists by their EU-style code) that may control a product."""
    given = [option for option in (text, queries, csv_file) if option is not None]
    if len(given) != 1:
        raise ValueError("give exactly one of: a description, --queries FILE, --csv FILE")
    # Loading the index machinery (bm25s, onnxruntime) is left to the command that needs it.
    from interregime.analytics.search.classifier import Classifier
    from interregime.analytics.search.dense import DenseModelMissing

    try:
        classifier = Classifier.open(state(ctx).engine(), method)
    except DenseModelMissing as error:
        raise ValueError(str(error)) from None
    if text is not None:
        results = classifier.classify(text, top, list_id)
        if fmt == Format.json:
            emit([group.to_json() for group in results], fmt)
        else:
            emit([_flat(group, fmt) for group in results], fmt, TABLE_COLUMNS if fmt == Format.table else CSV_COLUMNS)
        return
    if queries is not None:
        lines = [line.strip() for line in read_text(queries).splitlines() if line.strip()]
        answers = [classifier.classify(line, top, list_id) for line in lines]
        if fmt == Format.json:
            sys.stdout.write(to_json([[group.to_json() for group in answer] for answer in answers]) + "\n")
        else:
            emit([{"query": line, **_flat(group, fmt)} for line, answer in zip(lines, answers, strict=True)
                  for group in answer], fmt, ["query", *CSV_COLUMNS])
        return
    assert csv_file is not None
    descriptions = _descriptions(csv_file, column)
    rows: list[dict[str, Any]] = []
    with Progress(TextColumn("classifying"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=stderr, transient=True, disable=not stderr.is_terminal) as progress:
        task = progress.add_task("classifying", total=len(descriptions))
        for number, description in enumerate(descriptions, start=1):
            groups = classifier.classify(description, top, list_id) if description.strip() else []
            rows.extend({"row": number, "description": description, "rank": rank, **_flat(group, Format.csv)}
                        for rank, group in enumerate(groups, start=1))
            progress.advance(task)
    if fmt == Format.json:
        emit(rows, fmt)
    else:
        emit(rows, fmt, ["row", "description", "rank", *CSV_COLUMNS])


def register(app: typer.Typer) -> None:
    app.command("classify")(classify)
