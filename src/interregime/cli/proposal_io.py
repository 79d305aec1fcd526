"""Proposal files: JSON documents of topics and proposals, CSV files of positions, parameter options.

Every problem is reported as one line naming the file and the field (JSON) or the line and column (CSV).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interregime.domain.consensus import CoordinationTopic, check_position
from interregime.domain.parameters import Comparator, Parameter
from interregime.domain.proposal_codec import (
    RecordError,
    check_identifier,
    parse_date,
    position_from_record,
    proposal_from_record,
    proposal_record,
    topic_from_record,
    topic_record,
)
from interregime.domain.proposals import Position, Proposal, WorkspaceError
from interregime.domain.regimes import Membership, Regime


class ProposalFileError(ValueError):
    """A proposal file that cannot be imported; the message names the file and the place."""


_SPEC = re.compile(r"^\s*(?P<characteristic>[^<>=]+?)\s*(?P<op><=|>=|<|>|=)\s*(?P<rest>.+?)\s*$")
_NUMBER = r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
_RANGE = re.compile(rf"^(?P<low>{_NUMBER})\s*\.\.\s*(?P<high>{_NUMBER})\s*(?P<unit>.*)$")
_VALUE = re.compile(rf"^(?P<value>{_NUMBER})\s*(?P<unit>.*)$")


def parse_parameter(text: str) -> Parameter:
    """``"laser power >= 1000 W"``, or a range ``"build volume = 0.02..0.5 m**3"``."""
    match = _SPEC.match(text)
    if match:
        characteristic, op, rest = match["characteristic"], match["op"], match["rest"]
        span = _RANGE.match(rest) if op == "=" else None
        if span:
            low, high = float(span["low"]), float(span["high"])
            if low <= high:
                return Parameter(characteristic, Comparator.RANGE, None, low=low, high=high,
                                 unit=span["unit"].strip(), high_inclusive=True)
        single = _VALUE.match(rest)
        if single:
            return Parameter(characteristic, Comparator(op), float(single["value"]), unit=single["unit"].strip())
    raise WorkspaceError(
        f"parameter {text!r} is not 'CHARACTERISTIC OP NUMBER UNIT' (OP: < <= > >= =)"
        " or 'CHARACTERISTIC = LOW..HIGH UNIT'"
    )


@dataclass
class ProposalDocument:
    topics: list[CoordinationTopic] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)


def document_record(topics: Sequence[CoordinationTopic], proposals: Sequence[Proposal]) -> dict[str, Any]:
    return {"topics": [topic_record(t) for t in topics], "proposals": [proposal_record(p) for p in proposals]}


def read_json(path: Path) -> ProposalDocument:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        place = f"line {error.lineno} column {error.colno}"
        raise ProposalFileError(f"{path}: {place}: invalid JSON ({error.msg})") from None
    except UnicodeDecodeError:
        raise ProposalFileError(f"{path}: not UTF-8 text") from None
    if not isinstance(data, dict):
        raise ProposalFileError(f"{path}: expected an object with 'topics' and 'proposals'")
    unknown = sorted(set(data) - {"topics", "proposals"})
    if unknown:
        raise ProposalFileError(f"{path}: {unknown[0]}: unknown field; expected topics and proposals")
    document = ProposalDocument()
    try:
        for key in ("topics", "proposals"):
            if not isinstance(data.get(key, []), list):
                raise RecordError(key, "expected a list")
        document.topics = [topic_from_record(t, f"topics[{i}]") for i, t in enumerate(data.get("topics", []))]
        document.proposals = [
            proposal_from_record(p, f"proposals[{i}]") for i, p in enumerate(data.get("proposals", []))
        ]
    except RecordError as error:
        raise ProposalFileError(f"{path}: {error}") from None
    return document


def check_document(path: Path, document: ProposalDocument, memberships: Sequence[Membership],
                   known_topics: Sequence[CoordinationTopic], known_proposals: set[str]) -> None:
    """Positions by participants only, topics that exist, no duplicate or already stored proposals, and no
    stored topic redefined."""
    stored = {t.id: topic_record(t) for t in known_topics}
    for i, topic in enumerate(document.topics):
        if topic.id in stored and stored[topic.id] != topic_record(topic):
            raise ProposalFileError(f"{path}: topics[{i}].id: topic {topic.id} already exists with another "
                                    "title, technology or description")
    topics = set(stored) | {t.id for t in document.topics}
    seen: set[str] = set()
    for i, proposal in enumerate(document.proposals):
        if proposal.id in seen:
            raise ProposalFileError(f"{path}: proposals[{i}].id: duplicate proposal {proposal.id}")
        if proposal.id in known_proposals:
            raise ProposalFileError(f"{path}: proposals[{i}].id: proposal {proposal.id} already exists")
        seen.add(proposal.id)
        if proposal.topic is not None and proposal.topic not in topics:
            raise ProposalFileError(f"{path}: proposals[{i}].topic: no coordination topic {proposal.topic!r}")
        for j, position in enumerate(proposal.positions):
            try:
                check_position(proposal, position, memberships)
            except WorkspaceError as error:
                raise ProposalFileError(f"{path}: proposals[{i}].positions[{j}]: {error}") from None


POSITION_COLUMNS = ("proposal_id", "stage", "state", "position", "date", "reason")
CSV_COLUMNS = ("proposal_id", "title", "regime", "technology", "topic", "created", "description", "proposal_stage",
               *POSITION_COLUMNS[1:])


def positions_csv(proposals: Sequence[Proposal]) -> str:
    """One row per recorded position, with its proposal's identity (a proposal without positions: one row)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for p in proposals:
        base = {"proposal_id": p.id, "title": p.title, "regime": p.regime.value, "technology": p.technology,
                "topic": p.topic or "", "created": p.created.isoformat(), "description": p.current.description,
                "proposal_stage": p.stage.value}
        if not p.positions:
            writer.writerow(base)
        for position in p.positions:
            writer.writerow(base | {"stage": position.stage.value, "state": position.state,
                                    "position": position.kind.value, "date": position.date.isoformat(),
                                    "reason": position.reason})
    return out.getvalue()


@dataclass
class CsvImport:
    new_proposals: list[Proposal] = field(default_factory=list)
    positions: list[tuple[str, Position]] = field(default_factory=list)


def read_csv(path: Path, existing: dict[str, Proposal], memberships: Sequence[Membership]) -> CsvImport:
    """Positions to append; a row of an unknown proposal creates it from the title, regime, created and
    description columns (in the first stage: later stages are moved to with `proposal stage`)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ProposalFileError(f"{path}: not UTF-8 text") from None
    reader = csv.DictReader(io.StringIO(text), strict=True)
    try:
        missing = [c for c in POSITION_COLUMNS[:-1] if c not in (reader.fieldnames or [])]
        if missing:
            raise ProposalFileError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
        return _read_rows(path, reader, existing, memberships)
    except csv.Error as error:
        raise ProposalFileError(f"{path}: line {reader.reader.line_num}: {error}") from None


def _read_rows(path: Path, reader: csv.DictReader[str], existing: dict[str, Proposal],
               memberships: Sequence[Membership]) -> CsvImport:
    result = CsvImport()
    proposals = dict(existing)
    for row in reader:
        line = reader.line_num
        where = f"{path}: line {line}"
        if None in row:
            columns = len(reader.fieldnames or [])
            raise ProposalFileError(f"{where}: {columns + len(row[None])} cells, but the header has {columns} columns")
        ident = (row.get("proposal_id") or "").strip()
        if not ident:
            raise ProposalFileError(f"{where}: column proposal_id: empty")
        try:
            check_identifier(ident, "proposal_id")
        except RecordError as error:
            raise ProposalFileError(f"{where}: column {error}") from None
        if ident not in proposals:
            proposals[ident] = _new_proposal(row, ident, where)
            result.new_proposals.append(proposals[ident])
        if not (row.get("state") or "").strip():
            continue
        try:
            position = position_from_record({k: (v or "").strip() for k, v in row.items() if k}, "row")
        except RecordError as error:
            raise ProposalFileError(f"{where}: column {error.path.removeprefix('row.')}: "
                                    f"{str(error).split(': ', 1)[1]}") from None
        try:
            check_position(proposals[ident], position, memberships)
        except WorkspaceError as error:
            raise ProposalFileError(f"{where}: {error}") from None
        result.positions.append((ident, position))
    return result


def _new_proposal(row: dict[str, str], ident: str, where: str) -> Proposal:
    values = {k: (row.get(k) or "").strip() for k in ("title", "regime", "technology", "created", "description",
                                                       "topic")}
    for column in ("title", "regime", "created", "description"):
        if not values[column]:
            raise ProposalFileError(f"{where}: column {column}: empty, and proposal {ident} does not exist yet")
    try:
        created = parse_date(values["created"], "created")
        proposal = Proposal(ident, values["title"], Regime.parse(values["regime"]), values["technology"], created,
                            topic=values["topic"] or None)
        proposal.redefine(created, values["description"])
    except RecordError as error:
        raise ProposalFileError(f"{where}: column {error}") from None
    except ValueError as error:
        raise ProposalFileError(f"{where}: column regime: {error}") from None
    return proposal
