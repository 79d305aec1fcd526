"""The pieces of the static report: pages made of sortable tables and charts, each table downloadable."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

Row = Mapping[str, Any]


@dataclass
class ReportTable:
    """A table; ``links`` maps a column to a function giving the href of a cell (relative to the site root)."""

    name: str
    columns: Sequence[str]
    rows: Sequence[Row]
    links: Mapping[str, Callable[[Row], str | None]] = field(default_factory=dict)
    caption: str = ""


@dataclass
class ReportPage:
    slug: str
    title: str
    intro: str = ""
    tables: list[ReportTable] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ReportContext:
    """What a section gets: the database, the sources folder (may be None) and where to put its files."""

    engine: sa.Engine
    out_dir: Path
    sources_dir: Path | None = None

    def chart_path(self, name: str) -> Path:
        path = self.out_dir / "charts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path


Section = Callable[[ReportContext], ReportPage | None]


def entry_href(list_id: str, code: str) -> str:
    """Site-relative address of an entry page; codes are safe in file names (letters, digits, dots)."""
    safe = "".join(ch if ch.isalnum() or ch in ".-_" else "_" for ch in code)
    return f"entries/{list_id}/{safe}.html"
