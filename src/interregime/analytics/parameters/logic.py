"""How an entry's items combine: any/all/either of their sub-items, exclusions ("other than those
specified in 2B001") and decontrol notes, with each item's own thresholds."""

from __future__ import annotations

import re

from interregime.analytics.parameters.comparators import idioms
from interregime.analytics.parameters.extract import extract_parameters
from interregime.domain.corpus import Entry, Item, Note, NoteKind
from interregime.domain.parameters import Combinator, Decontrol, ItemLogic, Parameter

_COMBINATORS: tuple[tuple[re.Pattern[str], Combinator], ...] = (
    (re.compile(r"\ball (?:of )?the following\b|\bboth of the following\b", re.IGNORECASE), Combinator.ALL),
    (re.compile(r"\beither of the following\b|\beither\b.*:\s*$", re.IGNORECASE), Combinator.EITHER),
    (re.compile(r"\b(?:any|one or more|two or more|at least one) (?:of )?the following\b", re.IGNORECASE),
     Combinator.ANY),
    (re.compile(r"\bas follows\b", re.IGNORECASE), Combinator.ANY),
)
_CODE = r"\d[A-E]\d{3}(?:\.[a-z0-9]+)*\.?"
_EXCLUSION = re.compile(
    r"\b(?:other than|not|except(?: for)?|excluding)\s+(?:those|that|the ones|items|equipment)?\s*"
    r"(?:specified|controlled|described|listed)\s+(?:in|by)\s+((?:" + _CODE + r"|\.[a-z0-9.]+)"
    r"(?:\s*(?:,|or|and|to)\s*(?:" + _CODE + r"|\.[a-z0-9.]+))*)",
    re.IGNORECASE,
)
_TRAILING_COMPARATOR = re.compile(r":\s*$")
_STARTS_WITH_NUMBER = re.compile(r"^\s*[-+−]?\d")


def combinator_of(text: str, children: list[Item]) -> Combinator:
    if not children:
        return Combinator.NONE
    for pattern, combinator in _COMBINATORS:
        if pattern.search(text):
            return combinator
    joined = [child.text.rstrip().lower() for child in children[:-1]]
    if joined and all(line.endswith(("and", "; and")) for line in joined):
        return Combinator.ALL
    return Combinator.ANY


def exclusions_of(text: str) -> tuple[str, ...]:
    codes: list[str] = []
    for match in _EXCLUSION.finditer(text):
        for code in re.findall(_CODE, match.group(1)):
            codes.append(code.rstrip("."))
    return tuple(codes)


def is_decontrol(note: Note) -> bool:
    return note.kind == NoteKind.DECONTROL or bool(re.search(r"\bdoes not (?:control|apply)\b", note.text))


def _inherited_clause(parent: Item | None) -> str | None:
    """``Having an ultimate tensile strength, measured at 293 K, equal to or greater than:`` hands its
    comparator to children that start with a number (``0,9 GPa in the solution annealed stage``)."""
    if parent is None or not _TRAILING_COMPARATOR.search(parent.text):
        return None
    head = parent.text.rstrip()[:-1].rstrip()
    clause = re.split(r"[;:]", head)[-1]
    found = idioms().before_end.search(clause)
    return clause if found else None


def item_parameters(item: Item, parent: Item | None, decimal_comma: bool) -> tuple[Parameter, ...]:
    own = extract_parameters(item.text, decimal_comma)
    if own or not _STARTS_WITH_NUMBER.match(item.text):
        return tuple(own)
    clause = _inherited_clause(parent)
    if clause is None:
        return ()
    joined = f"{clause} {item.text}"
    offset = len(clause) + 1
    return tuple(parameter for parameter in extract_parameters(joined, decimal_comma)
                 if parameter.span[1] > offset)


def decontrols_of(item: Item, decimal_comma: bool) -> tuple[Decontrol, ...]:
    return tuple(
        Decontrol(note.label, note.text, tuple(extract_parameters(note.text, decimal_comma)))
        for note in item.notes
        if is_decontrol(note)
    )


def entry_logic(entry: Entry, decimal_comma: bool = True) -> dict[str, ItemLogic]:
    """The logic of every item of ``entry``, by item code."""
    by_code = {item.code: item for item in entry.items}
    logic: dict[str, ItemLogic] = {}
    for item in entry.items:
        children = entry.children(item.code)
        parent = by_code.get(item.parent) if item.parent else None
        logic[item.code] = ItemLogic(
            code=item.code,
            combinator=combinator_of(item.text, children),
            children=tuple(child.code for child in children),
            parameters=item_parameters(item, parent, decimal_comma),
            exclusions=exclusions_of(item.text),
            decontrols=decontrols_of(item, decimal_comma),
        )
    return logic


def root_codes(entry: Entry) -> list[str]:
    codes = {item.code for item in entry.items}
    return [item.code for item in entry.items if item.parent is None or item.parent not in codes]
