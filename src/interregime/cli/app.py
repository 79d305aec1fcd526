"""The `interregime` command: global options, command registration, and one-line errors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from interregime import __version__
from interregime.cli import corpus_commands, members_commands
from interregime.cli.output import fail
from interregime.cli.state import CliState
from interregime.ingest.context import SourceError

app = typer.Typer(
    name="interregime",
    help="A shared workbench for the multilateral export-control regimes' lists.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def main_options(
    ctx: typer.Context,
    database: Annotated[str | None, typer.Option(
        "--database", envvar="INTERREGIME_DATABASE_URL",
        help="SQLAlchemy URL; default: a SQLite file in the user data directory")] = None,
    sources: Annotated[Path | None, typer.Option(
        "--sources", envvar="INTERREGIME_SOURCES", help="folder holding the source publications")] = None,
) -> None:
    ctx.obj = CliState(database_url=database, sources_dir=sources)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


corpus_commands.register(app)
members_commands.register(app)


def main(argv: list[str] | None = None) -> None:
    try:
        app(args=argv, standalone_mode=True)
    except SystemExit:
        raise
    except (SourceError, LookupError, ValueError, OSError) as error:
        fail(str(error).splitlines()[0] if str(error) else type(error).__name__)
        sys.exit(1)


if __name__ == "__main__":
    main()
