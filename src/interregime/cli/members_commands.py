"""`members …`: the regimes' participants over time."""

from __future__ import annotations

from typing import Annotated

import typer

from interregime.cli.output import Format, emit
from interregime.cli.state import state
from interregime.domain.regimes import Regime
from interregime.storage.membership_store import load_memberships

members_app = typer.Typer(help="Regime memberships: list, matrix, combinations, history, charts.",
                          no_args_is_help=True)

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")]


@members_app.command("list")
def list_members(
    ctx: typer.Context,
    regime: Annotated[str | None, typer.Option("--regime", help="WA, MTCR, NSG, AG or CWC")] = None,
    state_code: Annotated[str | None, typer.Option("--state", help="ISO 3166 alpha-2 code, or EU")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Memberships with join years and sources."""
    memberships = load_memberships(state(ctx).engine(), Regime.parse(regime) if regime else None, state_code)
    rows = [
        {"regime": m.regime.value, "state": m.state.code, "name": m.state.name, "status": m.status.value,
         "joined": m.joined, "left": m.left, "source": m.source}
        for m in memberships
    ]
    emit(rows, fmt, ["regime", "state", "name", "status", "joined", "left", "source"])


def register(app: typer.Typer) -> None:
    app.add_typer(members_app, name="members")
