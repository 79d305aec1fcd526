"""Comparator idioms of the lists ("equal to or less (better) than", "or more", "from … to …"),
read from ``comparators.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from interregime.domain.parameters import Comparator

_DATA = Path(__file__).with_name("comparators.toml")
_ASIDE = r"(?:\s*\((?:better|worse|less|more|lower|higher|greater|smaller|larger|faster|slower)\))?"


@dataclass(frozen=True, slots=True)
class Idioms:
    before: re.Pattern[str]
    before_end: re.Pattern[str]
    after: re.Pattern[str]
    range_opening: re.Pattern[str]
    range_joining: re.Pattern[str]
    before_map: dict[str, Comparator]
    after_map: dict[str, Comparator]


def _phrase_pattern(phrase: str) -> str:
    words = phrase.split()
    parts = []
    for word in words:
        escaped = re.escape(word)
        parts.append(rf"\b{escaped}\b" if word[0].isalnum() else escaped)
    return r"\s+".join(part + _ASIDE for part in parts)


def _key(text: str) -> str:
    without_asides = re.sub(r"\s*\([a-z]+\)", "", text.lower())
    return " ".join(without_asides.split())


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(_phrase_pattern(phrase) for phrase in ordered)


@cache
def idioms() -> Idioms:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    before = {phrase: Comparator(symbol) for phrase, symbol in data["before"].items()}
    after = {phrase: Comparator(symbol) for phrase, symbol in data["after"].items()}
    opening = _alternation(data["range"]["opening"])
    joining = "|".join(
        rf"\b{re.escape(word)}\b" if word[0].isalnum() else re.escape(word)
        for word in sorted(data["range"]["joining"], key=len, reverse=True)
    )
    return Idioms(
        before=re.compile(rf"(?:{_alternation(list(before))})", re.IGNORECASE),
        before_end=re.compile(rf"(?:{_alternation(list(before))})$", re.IGNORECASE),
        after=re.compile(
            rf"\s*,?\s*(?:by\s+(?:weight|volume|mass)\s+)?(?:{_alternation(list(after))})", re.IGNORECASE
        ),
        range_opening=re.compile(rf"(?:{opening})\s*$", re.IGNORECASE),
        range_joining=re.compile(rf"\s*(?:{joining})\s*", re.IGNORECASE),
        before_map={_key(phrase): comparator for phrase, comparator in before.items()},
        after_map={_key(phrase): comparator for phrase, comparator in after.items()},
    )


def comparator_before(phrase: str) -> Comparator:
    return idioms().before_map[_key(phrase)]


def comparator_after(phrase: str) -> Comparator:
    key = re.sub(r"^by\s+(?:weight|volume|mass)\s+", "", _key(phrase.strip(" ,")))
    return idioms().after_map[key]


CANONICAL_PHRASES: dict[Comparator, str] = {
    Comparator.LT: "less than",
    Comparator.LE: "equal to or less than",
    Comparator.GT: "exceeding",
    Comparator.GE: "equal to or greater than",
    Comparator.EQ: "equal to",
}
