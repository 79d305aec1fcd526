"""The multilateral regimes, states and memberships."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Regime(StrEnum):
    """The four export-control regimes, and the CWC whose schedules the lists also implement."""

    WA = "WA"
    MTCR = "MTCR"
    NSG = "NSG"
    AG = "AG"
    CWC = "CWC"

    @property
    def full_name(self) -> str:
        return REGIME_TITLES[self]

    @classmethod
    def parse(cls, value: str) -> Regime:
        key = value.strip().upper()
        try:
            return cls(key)
        except ValueError:
            raise ValueError(
                f"unknown regime {value!r}; expected one of {', '.join(r.value for r in cls)}"
            ) from None


REGIME_TITLES: dict[Regime, str] = {
    Regime.WA: "Wassenaar Arrangement",
    Regime.MTCR: "Missile Technology Control Regime",
    Regime.NSG: "Nuclear Suppliers Group",
    Regime.AG: "Australia Group",
    Regime.CWC: "Chemical Weapons Convention",
}

# The four export-control regimes proper (the CWC is a treaty, not a regime).
EXPORT_CONTROL_REGIMES: tuple[Regime, ...] = (Regime.WA, Regime.MTCR, Regime.NSG, Regime.AG)


class MembershipStatus(StrEnum):
    """Participants take part in decisions; adherents follow the guidelines; observers attend."""

    PARTICIPANT = "participant"
    ADHERENT = "adherent"
    OBSERVER = "observer"


@dataclass(frozen=True, slots=True)
class State:
    """A participant: an ISO 3166 alpha-2 country, or the EU (code ``EU``)."""

    code: str
    name: str

    @property
    def is_sovereign(self) -> bool:
        return self.code != "EU"


@dataclass(frozen=True, slots=True)
class Membership:
    """A state's membership of a regime, with the years it joined and left where a source gives them."""

    state: State
    regime: Regime
    status: MembershipStatus = MembershipStatus.PARTICIPANT
    joined: int | None = None
    left: int | None = None
    source: str = ""
    note: str = ""

    def active_in(self, year: int) -> bool:
        """Whether the membership held during ``year``; an unknown join year counts as always."""
        if self.joined is not None and year < self.joined:
            return False
        return self.left is None or year < self.left
