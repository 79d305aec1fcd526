"""Options shared by every command: where the database is and where the sources are."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
import typer

from interregime.ingest.context import SOURCES_ENV, default_sources_dir
from interregime.storage.database import open_database


@dataclass
class CliState:
    database_url: str | None = None
    sources_dir: Path | None = None
    _engine: sa.Engine | None = field(default=None, repr=False)

    def engine(self) -> sa.Engine:
        if self._engine is None:
            self._engine = open_database(self.database_url)
        return self._engine

    def sources(self, override: Path | None = None) -> Path:
        folder = override or self.sources_dir or default_sources_dir()
        if folder is None:
            raise typer.BadParameter(f"no sources folder: pass --sources DIR or set {SOURCES_ENV}")
        if not folder.is_dir():
            raise typer.BadParameter(f"sources folder {folder} does not exist")
        return folder


def state(ctx: typer.Context) -> CliState:
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj
