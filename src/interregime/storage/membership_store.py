"""Saving and loading the regimes' memberships."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from interregime.domain.regimes import Membership, MembershipStatus, Regime, State
from interregime.storage import schema as t


def save_memberships(conn: sa.Connection, memberships: Sequence[Membership]) -> None:
    """Replace all stored memberships with ``memberships`` inside the caller's transaction."""
    conn.execute(sa.delete(t.memberships))
    known = set(conn.execute(sa.select(t.states.c.code)).scalars())
    new_states = {m.state.code: m.state for m in memberships if m.state.code not in known}
    if new_states:
        conn.execute(sa.insert(t.states), [{"code": s.code, "name": s.name} for s in new_states.values()])
    if memberships:
        conn.execute(
            sa.insert(t.memberships),
            [
                {
                    "state_code": m.state.code,
                    "regime": m.regime.value,
                    "status": m.status.value,
                    "joined": m.joined,
                    "left": m.left,
                    "source": m.source,
                    "note": m.note,
                }
                for m in memberships
            ],
        )


def load_memberships(engine: sa.Engine, regime: Regime | None = None, state: str | None = None) -> list[Membership]:
    m, s = t.memberships, t.states
    query = sa.select(m, s.c.name).join(s, s.c.code == m.c.state_code)
    if regime is not None:
        query = query.where(m.c.regime == regime.value)
    if state is not None:
        query = query.where(m.c.state_code == state.upper())
    query = query.order_by(m.c.regime, s.c.name)
    with engine.connect() as conn:
        return [
            Membership(
                state=State(row.state_code, row.name),
                regime=Regime(row.regime),
                status=MembershipStatus(row.status),
                joined=row.joined,
                left=row.left,
                source=row.source,
                note=row.note,
            )
            for row in conn.execute(query)
        ]
