"""The workspace store on SQLite and PostgreSQL: round trip, optimistic locking, concurrent writers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

import pytest
import sqlalchemy as sa

from interregime.domain.consensus import CoordinationTopic
from interregime.domain.parameters import Comparator, Parameter
from interregime.domain.proposals import ListEntryRef, Position, PositionKind, Proposal, Stage
from interregime.domain.regimes import Regime
from interregime.storage import workspace_store as store
from interregime.storage.database import create_engine

D = dt.date
STATES = [f"S{i:02d}" for i in range(100)]


def new_proposal(ident: str = "wa-am") -> Proposal:
    p = Proposal(ident, "Powder-bed fusion", Regime.WA, "additive manufacturing", D(2024, 3, 1), ("US", "DE"))
    p.redefine(D(2024, 3, 1), "Laser powder-bed fusion equipment", (ListEntryRef("wassenaar", "2.B.9"),),
               (Parameter("build volume", Comparator.RANGE, None, low=0.02, high=0.5, unit="m**3"),))
    return p


def test_round_trip(engine: sa.Engine) -> None:
    store.save_topic(engine, CoordinationTopic("am", "Additive manufacturing", "AM"))
    p = new_proposal()
    p.topic = "am"
    p.advance(Stage.NEED, D(2024, 5, 1), "threat agreed")
    p.positions = [Position("US", Stage.THREAT, PositionKind.SUPPORT, D(2024, 4, 1), "why not")]
    store.create_proposal(engine, p)
    loaded = store.load_proposal(engine, "wa-am")
    assert dataclasses.asdict(loaded) == dataclasses.asdict(p)
    assert loaded.revision == 1 and loaded.stage == Stage.NEED
    assert [t.id for t in store.list_topics(engine)] == ["am"]
    assert [x.id for x in store.load_topic(engine, "am").proposals] == ["wa-am"]
    with pytest.raises(ValueError, match="proposal wa-am already exists"):
        store.create_proposal(engine, new_proposal())
    with pytest.raises(LookupError, match="no proposal 'nope'"):
        store.load_proposal(engine, "nope")


def test_versions_transitions_and_stale_writes(engine: sa.Engine) -> None:
    store.create_proposal(engine, new_proposal())
    p = store.load_proposal(engine, "wa-am")
    version = p.redefine(D(2024, 4, 1), "second text")
    assert store.append_version(engine, p.id, version, p.revision) == 2
    transition = p.advance(Stage.NEED, D(2024, 5, 1), "threat agreed")
    with pytest.raises(store.ConflictError, match=r"changed by someone else \(revision 2, you edited revision 1\)"):
        store.record_transition(engine, p.id, transition, 1)
    assert store.record_transition(engine, p.id, transition, 2) == 3
    loaded = store.load_proposal(engine, "wa-am")
    assert [v.description for v in loaded.versions] == ["Laser powder-bed fusion equipment", "second text"]
    assert loaded.stage == Stage.NEED and loaded.revision == 3


def test_concurrent_position_writers_lose_nothing(engine: sa.Engine) -> None:
    store.create_proposal(engine, new_proposal())
    url = engine.url.render_as_string(hide_password=False)
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def writer(states: list[str]) -> None:
        own = create_engine(url)
        try:
            start.wait()
            for state in states:
                position = Position(state, Stage.THREAT, PositionKind.SUPPORT, D(2024, 4, 1))
                store.record_positions(own, "wa-am", [position])
        except BaseException as error:  # reported to the main thread below
            errors.append(error)
        finally:
            own.dispose()

    threads = [threading.Thread(target=writer, args=(STATES[i::2],)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    loaded = store.load_proposal(engine, "wa-am")
    assert len(loaded.positions) == 100
    assert sorted(loaded.current_positions(Stage.THREAT)) == STATES


def test_concurrent_edits_conflict_instead_of_losing_one(engine: sa.Engine) -> None:
    store.create_proposal(engine, new_proposal())
    url = engine.url.render_as_string(hide_password=False)
    outcomes: dict[str, str] = {}
    start = threading.Barrier(2)

    def editor(name: str) -> None:
        own = create_engine(url)
        try:
            p = store.load_proposal(own, "wa-am")
            version = p.redefine(D(2024, 4, 1), f"text by {name}")
            start.wait()
            store.append_version(own, p.id, version, p.revision)
            outcomes[name] = "saved"
        except store.ConflictError:
            outcomes[name] = "conflict"
        finally:
            own.dispose()

    threads = [threading.Thread(target=editor, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    loaded = store.load_proposal(engine, "wa-am")
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    assert [v.description for v in loaded.versions][1:] == [f"text by {winner}"] and loaded.revision == 2


def test_retrying_editors_keep_every_edit(engine: sa.Engine) -> None:
    store.create_proposal(engine, new_proposal())
    url = engine.url.render_as_string(hide_password=False)
    conflicts: list[int] = []
    errors: list[BaseException] = []

    def editor(name: str) -> None:
        own = create_engine(url)
        try:
            for n in range(15):
                while True:
                    p = store.load_proposal(own, "wa-am")
                    version = p.redefine(D(2024, 4, 1), f"{name}{n}")
                    try:
                        store.append_version(own, p.id, version, p.revision)
                        break
                    except store.ConflictError:
                        conflicts.append(1)
        except BaseException as error:  # reported to the main thread below
            errors.append(error)
        finally:
            own.dispose()

    threads = [threading.Thread(target=editor, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    loaded = store.load_proposal(engine, "wa-am")
    texts = [v.description for v in loaded.versions][1:]
    assert sorted(texts) == sorted([f"a{n}" for n in range(15)] + [f"b{n}" for n in range(15)])
    assert loaded.revision == 31 and [v.number for v in loaded.versions] == list(range(1, 32))


def test_unknown_targets_give_clear_errors(engine: sa.Engine) -> None:
    store.create_proposal(engine, new_proposal())
    position = Position("US", Stage.THREAT, PositionKind.SUPPORT, D(2024, 4, 1))
    with pytest.raises(LookupError, match="no proposal 'nope'"):
        store.record_positions(engine, "nope", [position])
    with pytest.raises(LookupError, match="no coordination topic 'zz'"):
        store.link(engine, "zz", ["wa-am"])
    orphan = new_proposal("other")
    orphan.topic = "zz"
    with pytest.raises(LookupError, match="no coordination topic 'zz'"):
        store.create_proposal(engine, orphan)
    store.save_topic(engine, CoordinationTopic("am", "AM"))
    with pytest.raises(LookupError, match="no proposal 'nope'"):
        store.link(engine, "am", ["wa-am", "nope"])
    assert store.load_proposal(engine, "wa-am").topic is None, "a failed link changes nothing"
    assert store.load_proposal(engine, "wa-am").positions == []
