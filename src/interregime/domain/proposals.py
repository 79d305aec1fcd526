"""Proposals for new controls: their versioned text and parameters, stages, outcomes and positions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from interregime.domain.parameters import Parameter
from interregime.domain.regimes import Regime


class WorkspaceError(ValueError):
    """Invalid use of the consensus workspace (a bad transition, a position by a non-participant...)."""


class TransitionError(WorkspaceError):
    pass


class NotAParticipantError(WorkspaceError):
    pass


class Stage(StrEnum):
    """The life of a control proposal: threat → need → items → parameters → adopted, or withdrawn."""

    THREAT = "threat"
    NEED = "need"
    ITEMS = "items"
    PARAMETERS = "parameters"
    ADOPTED = "adopted"
    WITHDRAWN = "withdrawn"

    @property
    def order(self) -> int:
        return _STAGE_ORDER[self]

    @property
    def is_final(self) -> bool:
        return self in (Stage.ADOPTED, Stage.WITHDRAWN)

    @property
    def allowed_next(self) -> tuple[Stage, ...]:
        return ALLOWED_TRANSITIONS[self]

    @classmethod
    def parse(cls, value: str) -> Stage:
        try:
            return cls(value.strip().lower())
        except ValueError:
            raise WorkspaceError(
                f"unknown stage {value!r}; expected one of {', '.join(s.value for s in cls)}"
            ) from None


_STAGE_ORDER: dict[Stage, int] = {stage: index for index, stage in enumerate(Stage)}

# The working stages in order; each may also end in withdrawal. The two final stages lead nowhere.
WORKING_STAGES: tuple[Stage, ...] = (Stage.THREAT, Stage.NEED, Stage.ITEMS, Stage.PARAMETERS)
ALLOWED_TRANSITIONS: dict[Stage, tuple[Stage, ...]] = {
    Stage.THREAT: (Stage.NEED, Stage.WITHDRAWN),
    Stage.NEED: (Stage.ITEMS, Stage.WITHDRAWN),
    Stage.ITEMS: (Stage.PARAMETERS, Stage.WITHDRAWN),
    Stage.PARAMETERS: (Stage.ADOPTED, Stage.WITHDRAWN),
    Stage.ADOPTED: (),
    Stage.WITHDRAWN: (),
}

# What agreeing each working stage produces (the outcome recorded when the stage is left).
STAGE_OUTCOMES: dict[Stage, str] = {
    Stage.THREAT: "agreed threat assessment",
    Stage.NEED: "agreed need for a control",
    Stage.ITEMS: "agreed list item wording",
    Stage.PARAMETERS: "agreed parameter values",
}


class PositionKind(StrEnum):
    SUPPORT = "support"
    SUPPORT_WITH_RESERVATION = "support with reservation"
    NO_POSITION = "no position"
    OPPOSE = "oppose"
    BLOCK = "block"

    @property
    def objects(self) -> bool:
        """Whether this position prevents consensus. The regimes decide by consensus, so any objection
        (``oppose`` as much as an explicit ``block``) prevents it; a reservation does not."""
        return self in (PositionKind.OPPOSE, PositionKind.BLOCK)

    @classmethod
    def parse(cls, value: str) -> PositionKind:
        key = " ".join(value.strip().lower().replace("-", " ").replace("_", " ").split())
        try:
            return cls(key)
        except ValueError:
            raise WorkspaceError(
                f"unknown position {value!r}; expected one of {', '.join(k.value for k in cls)}"
            ) from None


@dataclass(frozen=True, slots=True)
class ListEntryRef:
    """A control list entry the proposal amends or adds (``wassenaar`` ``2.B.7``)."""

    list_id: str
    code: str

    def __str__(self) -> str:
        return f"{self.list_id}:{self.code}"

    @classmethod
    def parse(cls, text: str) -> ListEntryRef:
        list_id, sep, code = text.partition(":")
        if not sep or not list_id.strip() or not code.strip():
            raise WorkspaceError(f"list entry {text!r} is not LIST:CODE")
        return cls(list_id.strip(), code.strip())


@dataclass(frozen=True, slots=True)
class ProposalVersion:
    """One definition of the proposal's text; redefining appends a new version, older ones stay."""

    number: int
    date: dt.date
    description: str
    list_entries: tuple[ListEntryRef, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class StageTransition:
    """Leaving ``from_stage`` for ``to_stage`` on ``date``; ``outcome`` and ``parameters`` are what was agreed
    in ``from_stage`` (or the reason for a withdrawal)."""

    from_stage: Stage
    to_stage: Stage
    date: dt.date
    outcome: str = ""
    parameters: tuple[Parameter, ...] = ()


@dataclass(frozen=True, slots=True)
class StageOutcome:
    stage: Stage
    date: dt.date
    text: str
    parameters: tuple[Parameter, ...] = ()


@dataclass(frozen=True, slots=True)
class Position:
    state: str
    stage: Stage
    kind: PositionKind
    date: dt.date
    reason: str = ""


@dataclass(slots=True)
class Proposal:
    """A proposed control placed in one regime. ``revision`` counts stored edits (for optimistic locking)."""

    id: str
    title: str
    regime: Regime
    technology: str
    created: dt.date
    originating_states: tuple[str, ...] = ()
    versions: list[ProposalVersion] = field(default_factory=list)
    transitions: list[StageTransition] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    topic: str | None = None
    revision: int = 0

    @property
    def current(self) -> ProposalVersion:
        if not self.versions:
            raise WorkspaceError(f"proposal {self.id} has no version")
        return self.versions[-1]

    @property
    def stage(self) -> Stage:
        return self.transitions[-1].to_stage if self.transitions else Stage.THREAT

    def stage_entered(self, stage: Stage) -> dt.date | None:
        if stage == Stage.THREAT:
            return self.created
        return next((t.date for t in self.transitions if t.to_stage == stage), None)

    def outcomes(self) -> list[StageOutcome]:
        return [
            StageOutcome(t.from_stage, t.date, t.outcome, t.parameters)
            for t in self.transitions
            if t.to_stage != Stage.WITHDRAWN
        ]

    def reached_stages(self) -> list[Stage]:
        """The working stages the proposal has been in, oldest first."""
        return [s for s in WORKING_STAGES if s.order <= self.stage.order and self.stage_entered(s) is not None]

    def redefine(self, date: dt.date, description: str, list_entries: tuple[ListEntryRef, ...] | None = None,
                 parameters: tuple[Parameter, ...] | None = None, note: str = "") -> ProposalVersion:
        """Append a version; entries and parameters not given are carried over from the current version."""
        if self.stage.is_final:
            raise TransitionError(f"proposal {self.id} is {self.stage.value}; it cannot be redefined")
        previous = self.versions[-1] if self.versions else None
        if not description.strip():
            raise WorkspaceError(f"proposal {self.id}: the description is empty")
        version = ProposalVersion(
            number=len(self.versions) + 1,
            date=date,
            description=description,
            list_entries=list_entries if list_entries is not None else (previous.list_entries if previous else ()),
            parameters=parameters if parameters is not None else (previous.parameters if previous else ()),
            note=note,
        )
        self.versions.append(version)
        return version

    def check_transition(self, target: Stage, date: dt.date, outcome: str,
                         parameters: tuple[Parameter, ...]) -> StageTransition:
        """The transition to ``target`` if it is allowed; outcomes are required when a stage is agreed."""
        current = self.stage
        if target not in current.allowed_next:
            allowed = ", ".join(s.value for s in current.allowed_next) or "none (final stage)"
            raise TransitionError(
                f"proposal {self.id}: cannot go from {current.value} to {target.value}; allowed: {allowed}"
            )
        entered = self.stage_entered(current)
        if entered is not None and date < entered:
            raise TransitionError(
                f"proposal {self.id}: transition date {date} is before the {current.value} stage began ({entered})"
            )
        if target != Stage.WITHDRAWN and not outcome.strip():
            raise TransitionError(f"proposal {self.id}: leaving {current.value} needs the {STAGE_OUTCOMES[current]}")
        if current == Stage.PARAMETERS and target == Stage.ADOPTED:
            parameters = parameters or self.current.parameters
            if not parameters:
                raise TransitionError(f"proposal {self.id}: adopting needs the agreed parameter values")
        return StageTransition(current, target, date, outcome, parameters)

    def advance(self, target: Stage, date: dt.date, outcome: str = "",
                parameters: tuple[Parameter, ...] = ()) -> StageTransition:
        transition = self.check_transition(target, date, outcome, parameters)
        self.transitions.append(transition)
        return transition

    def current_positions(self, stage: Stage) -> dict[str, Position]:
        """Each state's latest position on ``stage`` (by date; on the same date the later recorded wins)."""
        latest: dict[str, Position] = {}
        for position in self.positions:
            if position.stage != stage:
                continue
            held = latest.get(position.state)
            if held is None or position.date >= held.date:
                latest[position.state] = position
        return latest

    def check_position_stage(self, position: Position) -> None:
        if position.stage.is_final:
            raise WorkspaceError(f"proposal {self.id}: no positions on the final stage {position.stage.value}")
        if position.stage.order > self.stage.order or self.stage_entered(position.stage) is None:
            raise WorkspaceError(
                f"proposal {self.id} is at stage {self.stage.value}; it has not reached {position.stage.value}"
            )
