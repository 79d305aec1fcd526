"""`report`: the static HTML report of every analysis, with CSV/XLSX downloads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from interregime.cli.output import stderr
from interregime.cli.state import state
from interregime.web.report import write_report
from interregime.web.report_model import ReportContext


def report(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="folder to write the report into")] = Path("report"),
) -> None:
    """Write the HTML report (one page per analysis, linked entry pages, downloads) into --out."""
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out {out}: is a file; give a folder for the report")
    cli = state(ctx)
    sources = cli.sources_dir if cli.sources_dir and cli.sources_dir.is_dir() else None
    context = ReportContext(cli.engine(), out, sources)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=stderr,
                  transient=True, disable=not stderr.is_terminal) as progress:
        task = progress.add_task("report", total=None)
        pages = write_report(context, progress=lambda step: progress.update(task, description=step))
    stderr.print(f"wrote {len(pages)} pages and the entry pages to {out}/ — open {out / 'index.html'}")


def register(app: typer.Typer) -> None:
    app.command()(report)
