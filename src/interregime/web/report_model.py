"""The pieces of the static report: pages made of sortable tables and charts, each table downloadable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from interregime.domain.corpus import EditionContent
from interregime.domain.regimes import Membership
from interregime.storage import corpus_store
from interregime.storage.corpus_store import EditionSummary
from interregime.storage.membership_store import load_memberships

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
    """What a section gets: the database, the sources folder (may be None) and where to put its files.

    The corpus is read through the context, which loads each (list, edition) at most once per report and shares
    it between the sections and the entry pages; sections must treat what it returns as read-only.
    """

    engine: sa.Engine
    out_dir: Path
    sources_dir: Path | None = None
    _list_ids: list[str] | None = field(default=None, init=False, repr=False, compare=False)
    _summaries: list[EditionSummary] | None = field(default=None, init=False, repr=False, compare=False)
    _resolved: dict[tuple[str, str | None], dt.date] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _editions: dict[tuple[str, dt.date], EditionContent] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _memberships: list[Membership] | None = field(default=None, init=False, repr=False, compare=False)

    def list_ids(self) -> list[str]:
        """The stored lists, sorted (read once)."""
        if self._list_ids is None:
            self._list_ids = corpus_store.list_ids(self.engine)
        return list(self._list_ids)

    def edition_summaries(self) -> list[EditionSummary]:
        """Every stored edition with its counts (read once)."""
        if self._summaries is None:
            self._summaries = corpus_store.list_editions(self.engine)
        return list(self._summaries)

    def edition(self, list_id: str, date: str | None = None) -> EditionContent:
        """The edition of ``list_id`` whose date starts with ``date`` (the newest without one), loaded once."""
        key = (list_id, date)
        resolved = self._resolved.get(key)
        if resolved is None:
            resolved = corpus_store.resolve_edition(self.engine, list_id, date).date
            self._resolved[key] = resolved
        content = self._editions.get((list_id, resolved))
        if content is None:
            content = corpus_store.load_edition(self.engine, list_id, resolved.isoformat())
            self._editions[(list_id, resolved)] = content
        return content

    def newest_editions(self) -> list[EditionContent]:
        """The newest edition of every stored list, in list order."""
        return [self.edition(list_id) for list_id in self.list_ids()]

    def memberships(self) -> list[Membership]:
        """Every stored regime membership (read once)."""
        if self._memberships is None:
            self._memberships = load_memberships(self.engine)
        return list(self._memberships)

    def chart_path(self, name: str) -> Path:
        path = self.out_dir / "charts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path


Section = Callable[[ReportContext], ReportPage | None]


def entry_href(list_id: str, code: str) -> str:
    """Site-relative address of an entry page; codes are safe in file names (letters, digits, dots)."""
    safe = "".join(ch if ch.isalnum() or ch in ".-_" else "_" for ch in code)
    return f"entries/{list_id}/{safe}.html"
