"""`params` (thresholds of item text) and `check` (is a described item controlled by an entry?)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from interregime.analytics.parameters.check import CheckResult, check_entry
from interregime.analytics.parameters.extract import extract_parameters
from interregime.analytics.parameters.numbers import decimal_comma_for
from interregime.analytics.parameters.units import PlainUnit, plain_unit
from interregime.cli.input_files import read_csv, read_text
from interregime.cli.output import Format, emit, stdout, to_json
from interregime.domain.corpus import Entry
from interregime.domain.parameters import Parameter

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")]
PARAMETER_COLUMNS = ["characteristic", "comparator", "value", "low", "high", "unit", "qualifier"]
ID_COLUMN = "id"


def _with_note(text: str, note: str, around: str) -> str:
    if not note or note in text:
        return text
    if not text:
        return note
    return f"{text} ({note})" if around == "characteristic" else f"{note}, {text}"


def parameter_records(parameters: list[Parameter], plain: bool = False) -> list[dict[str, Any]]:
    """One record per threshold; thresholds of a qualifier follow the one they qualify. With ``plain``
    the unit is spelled for a default ``pint.UnitRegistry()`` (``Sa / s`` → ``count / second``), and
    what that spelling leaves out goes to the characteristic (Mach) or the qualifier (dBc)."""
    records: list[dict[str, Any]] = []
    for parameter in parameters:
        unit = plain_unit(parameter.unit) if plain else PlainUnit(parameter.unit)
        records.append({
            "characteristic": _with_note(parameter.characteristic, unit.characteristic_note, "characteristic"),
            "comparator": parameter.comparator.value, "value": parameter.value, "low": parameter.low,
            "high": parameter.high, "unit": unit.unit,
            "qualifier": _with_note(parameter.qualifier, unit.qualifier_note, "qualifier"),
        })
        records.extend(parameter_records(list(parameter.conditions), plain))
    return records


def _decimal_comma(list_id: str | None) -> bool | None:
    from interregime.ingest.registry import LIST_SOURCES

    if list_id is not None and list_id not in LIST_SOURCES:
        raise ValueError(f"--list {list_id!r}: unknown list; known: {', '.join(LIST_SOURCES)}")
    return decimal_comma_for(list_id) if list_id else None


def params(
    text: Annotated[str | None, typer.Option("--text", help="one item line")] = None,
    lines: Annotated[Path | None, typer.Option("--lines", help="file with one item line per line")] = None,
    list_id: Annotated[str | None, typer.Option(
        "--list", help="list whose number style the text uses (eu-annex-i: 0,9; us-ccl: 0.9); guessed if omitted",
    )] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Extract technical parameters (thresholds) from item text.

    With --lines, JSON is a list holding one list of parameters per input line, in order."""
    if (text is None) == (lines is None):
        raise typer.BadParameter("give exactly one of --text or --lines")
    decimal_comma = _decimal_comma(list_id)
    if text is not None:
        emit(parameter_records(extract_parameters(text, decimal_comma), plain=fmt == Format.json), fmt,
             columns=PARAMETER_COLUMNS)
        return
    assert lines is not None
    per_line = [
        parameter_records(extract_parameters(line, decimal_comma), plain=fmt == Format.json)
        for line in read_text(lines).splitlines()
    ]
    if fmt == Format.json:
        sys.stdout.write(to_json(per_line) + "\n")
        return
    rows = [{"line": number, **record} for number, records in enumerate(per_line, 1) for record in records]
    emit(rows, fmt, columns=["line", *PARAMETER_COLUMNS])


def _load_entry(ctx: typer.Context, code: str, list_id: str, edition: str | None) -> Entry:
    from interregime.cli.corpus_view import candidate_entry_codes
    from interregime.cli.state import state
    from interregime.storage import corpus_store

    content = corpus_store.load_edition(state(ctx).engine(), list_id, edition, codes=candidate_entry_codes(code))
    if not content.entries:
        raise LookupError(f"entry {code} not found in list {list_id!r} (run `interregime build` first?)")
    return content.entries[0]


def _result_record(result: CheckResult) -> dict[str, Any]:
    return {
        "entry": result.entry, "verdict": result.verdict.value,
        "path": [{"item": step.item, "parameter": step.parameter, "comparison": step.comparison,
                  "status": step.status.value} for step in result.path],
        "decontrolled_by": result.decontrolled_by, "missing": result.missing, "exclusions": result.exclusions,
    }


def _read_specs(path: Path) -> list[tuple[str, dict[str, str | float]]]:
    columns, rows = read_csv(path)
    if ID_COLUMN not in columns:
        raise ValueError(f"{path}: the CSV needs an {ID_COLUMN!r} column and one column per spec key")
    specs: list[tuple[str, dict[str, str | float]]] = []
    for line, row in rows:
        spec: dict[str, str | float] = {
            key: value.strip() for key, value in row.items() if key and key != ID_COLUMN and value.strip()
        }
        specs.append((row.get(ID_COLUMN, "").strip() or f"line {line}", spec))
    return specs


def check(
    ctx: typer.Context,
    entry_code: Annotated[str, typer.Argument(metavar="ENTRY", help="entry code, e.g. 2B001")],
    spec: Annotated[str | None, typer.Option(
        "--spec", help="item description: 'axes=5, unidirectional positioning repeatability=0.8 um'")] = None,
    csv_file: Annotated[Path | None, typer.Option(
        "--csv", help="many items: an 'id' column and one column per spec key")] = None,
    list_id: Annotated[str, typer.Option("--list", help="list id")] = "eu-annex-i",
    edition: Annotated[str | None, typer.Option("--edition", help="edition date or unique prefix")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Check whether an item described by its values is controlled by ENTRY, and why."""
    if (spec is None) == (csv_file is None):
        raise typer.BadParameter("give exactly one of --spec or --csv")
    entry = _load_entry(ctx, entry_code, list_id, edition)
    decimal_comma = decimal_comma_for(list_id)
    if spec is not None:
        result = check_entry(entry, spec, decimal_comma)
        if fmt == Format.table:
            stdout.print(result.explanation(), highlight=False, markup=False)
        elif fmt == Format.json:
            emit(_result_record(result), fmt)
        else:
            emit([{"entry": result.entry, "verdict": result.verdict.value, **step}
                  for step in _result_record(result)["path"]], fmt)
        return
    assert csv_file is not None
    rows: list[dict[str, Any]] = []
    for identifier, item_spec in _read_specs(csv_file):
        try:
            record = _result_record(check_entry(entry, item_spec, decimal_comma))
        except ValueError as error:
            record = {"entry": entry.code, "verdict": "error", "path": [], "decontrolled_by": [],
                      "missing": [], "exclusions": [], "error": str(error)}
        met = [f"{step['item']}: {step['comparison']}" for step in record["path"] if step["status"] == "met"]
        rows.append({ID_COLUMN: identifier, "verdict": record["verdict"], "met": met,
                     "decontrolled_by": record["decontrolled_by"], "missing": record["missing"],
                     "error": record.get("error", "")})
    emit(rows, fmt, columns=[ID_COLUMN, "verdict", "met", "decontrolled_by", "missing", "error"])


def register(app: typer.Typer) -> None:
    app.command()(params)
    app.command()(check)
