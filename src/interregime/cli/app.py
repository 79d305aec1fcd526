"""The `interregime` command: global options, command registration, and one-line errors."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import sqlalchemy as sa
import typer
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer.core import TyperGroup

from interregime import __version__
from interregime.cli import (
    analysis_commands,
    classify_commands,
    corpus_commands,
    diff_commands,
    impact_commands,
    members_commands,
    params_commands,
    proposal_commands,
    report_commands,
)
from interregime.cli.output import fail
from interregime.cli.state import CliState, database_label, database_problem
from interregime.ingest.context import SourceError

HANDLED_ERRORS = (SourceError, LookupError, ValueError, OSError)


class OneLineErrors(TyperGroup):
    """Every command's expected failures end as one line on stderr and exit code 1, never a traceback."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except NoArgsIsHelpError:
            raise
        except ClickException as error:
            _usage_error(error)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # The reader (e.g. `| head`) has gone; stop quietly like other Unix tools.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except NoArgsIsHelpError:
            raise
        except ClickException as error:
            _usage_error(error)
        except sa.exc.SQLAlchemyError as error:
            url = ctx.obj.database_url if isinstance(ctx.obj, CliState) else None
            fail(f"database {database_label(url) if url else ''}: {database_problem(error)}".replace(" :", ":"))
            raise typer.Exit(1) from None
        except HANDLED_ERRORS as error:
            fail(_first_line(error))
            raise typer.Exit(1) from None


def _usage_error(error: ClickException) -> None:
    """Bad options or arguments: one line naming the command, with click's exit code (2)."""
    context = getattr(error, "ctx", None)
    where = f"{context.command_path}: " if context is not None else ""
    fail(_first_line(ValueError(where + error.format_message())))
    raise typer.Exit(error.exit_code)


def _first_line(error: BaseException) -> str:
    text = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
    return text.splitlines()[0] if text else type(error).__name__


app = typer.Typer(
    name="interregime",
    cls=OneLineErrors,
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
report_commands.register(app)
impact_commands.register(app)
classify_commands.register(app)
diff_commands.register(app)
proposal_commands.register(app)
params_commands.register(app)
analysis_commands.register(app)


def main(argv: list[str] | None = None) -> None:
    try:
        app(args=argv, standalone_mode=True)
    except HANDLED_ERRORS as error:
        fail(_first_line(error))
        sys.exit(1)


if __name__ == "__main__":
    main()
