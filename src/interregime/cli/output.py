"""Printing results as a table, JSON or CSV. JSON and CSV go alone on stdout; logs go to stderr."""

from __future__ import annotations

import csv
import datetime as dt
import enum
import json
import os
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """The reader (e.g. `| head`) has gone: stop quietly with success, as for JSON and CSV output."""
        self.quiet = True
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0)


stdout = _Console(soft_wrap=True)
stderr = Console(stderr=True)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return value


def to_json(data: Any) -> str:
    return json.dumps(_plain(data), ensure_ascii=False, indent=2)


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def emit(rows: Sequence[Mapping[str, Any]] | Mapping[str, Any], fmt: Format, columns: Sequence[str] | None = None,
         title: str | None = None) -> None:
    """Print ``rows`` (a list of records, or one record) in ``fmt``."""
    if fmt == Format.json:
        sys.stdout.write(to_json(rows) + "\n")
        return
    records: list[Mapping[str, Any]] = [rows] if isinstance(rows, Mapping) else list(rows)
    if columns is None:
        columns = list(records[0].keys()) if records else []
    if fmt == Format.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for record in records:
            writer.writerow([_cell(record.get(c)) for c in columns])
        return
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column.replace("_", " "))
    for record in records:
        table.add_row(*[_cell(record.get(c)) for c in columns])
    stdout.print(table)


def fail(message: str) -> None:
    """One line on stderr, never a traceback."""
    stderr.print("[bold red]error:[/]", end=" ", highlight=False)
    stderr.print(message, markup=False, emoji=False, highlight=False, soft_wrap=True)
