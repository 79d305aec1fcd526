"""Reading the user's text and CSV files, with errors naming the file and the line."""

from __future__ import annotations

import csv
import io
from pathlib import Path


def read_text(path: Path) -> str:
    """The file's text (UTF-8, with or without a byte-order mark)."""
    if path.is_dir():
        raise ValueError(f"{path}: is a folder, not a file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ValueError(f"{path}: line {line}: not UTF-8 text") from None


def read_csv(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and each row with its line number; a row with more cells than the header, or an
    unclosed quote, is an error rather than data silently dropped."""
    reader = csv.reader(io.StringIO(read_text(path)), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            return [], []
        columns = [name.strip() for name in header]
        rows: list[tuple[int, dict[str, str]]] = []
        start = reader.line_num + 1
        for cells in reader:
            if len(cells) > len(columns):
                raise ValueError(f"{path}: line {start}: {len(cells)} cells, but the header has {len(columns)} "
                                 "columns")
            if cells:
                rows.append((start, dict(zip(columns, cells, strict=False))))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ValueError(f"{path}: line {reader.line_num}: {error}") from None
    return columns, rows
