"""Options shared by every command: where the database is and where the sources are."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
import typer

from interregime.ingest.context import SOURCES_ENV, default_sources_dir
from interregime.storage.database import default_database_url, open_database


class DatabaseUnavailable(ValueError):
    """The database cannot be opened; the message names it (without its password)."""


def database_label(url: str) -> str:
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return repr(url)


def database_problem(error: sa.exc.SQLAlchemyError) -> str:
    """The driver's own first line, without SQLAlchemy's wrapping: 'unable to open database file'."""
    original = getattr(error, "orig", None) or error
    lines = str(original).strip().splitlines()
    return lines[0] if lines else type(original).__name__


@dataclass
class CliState:
    database_url: str | None = None
    sources_dir: Path | None = None
    _engine: sa.Engine | None = field(default=None, repr=False)

    def engine(self) -> sa.Engine:
        if self._engine is None:
            url = self.database_url or default_database_url()
            try:
                self._engine = open_database(url)
            except ImportError as error:
                raise DatabaseUnavailable(f"database {database_label(url)}: driver not installed ({error})") from None
            except sa.exc.SQLAlchemyError as error:
                raise DatabaseUnavailable(f"database {database_label(url)}: {database_problem(error)}") from None
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
