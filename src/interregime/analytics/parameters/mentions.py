"""Threshold mentions in text: a comparator idiom, one or two numbers and a unit, with their spans.
Which noun phrase they measure is decided in ``extract``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interregime.analytics.parameters.comparators import comparator_after, comparator_before, idioms
from interregime.analytics.parameters.numbers import WORD_NUMBERS, NumberError, find_numbers, value_of
from interregime.analytics.parameters.units import UnitError, convert, match_unit, parse_unit
from interregime.domain.parameters import Comparator

_WINDOW = 80
_BETWEEN = re.compile(r"[\s±]*(?:\+/-\s*)?$")
_WORD_COUNT = re.compile(
    r"\b(?P<word>" + "|".join(WORD_NUMBERS) + r")\s+or\s+(?P<tail>more|fewer|less|greater)\b", re.IGNORECASE
)
_COUNTED_NOUN = re.compile(r"\s+[a-z]{3,20}(?=\s+or\s)")
_OUTSIDE = re.compile(r"\boutside\s+(?:of\s+)?(?:the\s+)?(?:range|band)?\s*$", re.IGNORECASE)
_LOWER_BOUND = (Comparator.GE, Comparator.GT)
_UPPER_BOUND = (Comparator.LE, Comparator.LT)


@dataclass(slots=True)
class Mention:
    start: int
    number_start: int
    end: int
    comparator: Comparator
    value: float | None
    low: float | None
    high: float | None
    unit_text: str
    low_inclusive: bool = True
    high_inclusive: bool = False
    counted: bool = False


@dataclass(frozen=True, slots=True)
class _Number:
    start: int
    end: int
    value: float
    unit_text: str
    unit_end: int


def _numbers(text: str, decimal_comma: bool) -> list[_Number]:
    numbers: list[_Number] = []
    for match in find_numbers(text):
        try:
            value = value_of(match, decimal_comma)
        except (NumberError, ValueError, OverflowError):
            continue
        unit = match_unit(text, match.end())
        unit_end, unit_text = unit if unit else (match.end(), "")
        numbers.append(_Number(match.start(), match.end(), value, unit_text, unit_end))
    for match in _WORD_COUNT.finditer(text):
        value = float(WORD_NUMBERS[match.group("word").lower()])
        numbers.append(_Number(match.start(), match.start("word") + len(match.group("word")), value, "", 0))
    numbers.sort(key=lambda number: number.start)
    return [
        number if number.unit_end else _Number(number.start, number.end, number.value, "", number.end)
        for number in numbers
    ]


def _comparator_before(text: str, start: int) -> tuple[int, Comparator] | None:
    window_start = max(0, start - _WINDOW)
    window = text[window_start:start]
    between = _BETWEEN.search(window)
    head = window[: between.start()] if between else window
    best = idioms().before_end.search(head)
    if best is None:
        return None
    return window_start + best.start(), comparator_before(best.group(0))


def _range_opening(text: str, start: int) -> int | None:
    window_start = max(0, start - _WINDOW)
    match = idioms().range_opening.search(text[window_start:start])
    return window_start + match.start() if match else None


def _merge_upper(text: str, mention: Mention, following: list[_Number], decimal_comma: bool) -> Mention:
    """``equal to or greater than 1 m and less than 4 m`` becomes the range [1 m, 4 m)."""
    if mention.comparator not in _LOWER_BOUND or not following:
        return mention
    upper = following[0]
    link = re.match(r"\s*,?\s*(?:(?:and|but)\s+(?:is\s+)?)?", text[mention.end : upper.start])
    if not link:
        return mention
    found = _comparator_before(text, upper.start)
    if not found or found[0] != mention.end + link.end() or found[1] not in _UPPER_BOUND:
        return mention
    unit = mention.unit_text or upper.unit_text
    high = _in_unit(upper.value, upper.unit_text, unit)
    if high is None:
        return mention
    return Mention(
        mention.start, mention.number_start, upper.unit_end, Comparator.RANGE, None, mention.value, high,
        unit, mention.comparator == Comparator.GE, found[1] == Comparator.LE,
    )


def _in_unit(value: float, unit_text: str, target_text: str) -> float | None:
    """``value`` converted from ``unit_text`` to ``target_text`` (30 minutes … 1 hour), None if impossible."""
    if not unit_text or unit_text == target_text:
        return value
    try:
        return float(f"{convert(value, parse_unit(unit_text), parse_unit(target_text)):.12g}")
    except UnitError:
        return None


def find_mentions(text: str, decimal_comma: bool) -> list[Mention]:
    numbers = _numbers(text, decimal_comma)
    mentions: list[Mention] = []
    index = 0
    while index < len(numbers):
        number = numbers[index]
        index += 1
        if mentions and number.start < mentions[-1].end:
            continue
        opening = _range_opening(text, number.start)
        if opening is not None and _OUTSIDE.search(text, max(0, opening - 30), opening):
            continue
        if opening is not None and index < len(numbers):
            upper = numbers[index]
            joining = idioms().range_joining.fullmatch(text[number.unit_end : upper.start])
            if joining:
                unit = upper.unit_text or number.unit_text
                mentions.append(Mention(opening, number.start, upper.unit_end, Comparator.RANGE, None,
                                        number.value, upper.value, unit, True, True))
                index += 1
                continue
        after = idioms().after.match(text, number.unit_end)
        if after is None and not number.unit_text:
            counted_noun = _COUNTED_NOUN.match(text, number.unit_end)
            after = idioms().after.match(text, counted_noun.end()) if counted_noun else None
        if after:
            counted = not number.unit_text
            mention = Mention(number.start, number.start, after.end(), comparator_after(after.group(0)),
                              number.value, None, None, number.unit_text, counted=counted)
            mention = _merge_upper(text, mention, numbers[index:], decimal_comma)
            if mention.comparator == Comparator.RANGE:
                index += 1
            mentions.append(mention)
            continue
        before = _comparator_before(text, number.start)
        if before is None:
            continue
        mention = Mention(before[0], number.start, number.unit_end, before[1], number.value, None, None,
                          number.unit_text, counted=not number.unit_text)
        mention = _merge_upper(text, mention, numbers[index:], decimal_comma)
        if mention.comparator == Comparator.RANGE:
            index += 1
        mentions.append(mention)
    return mentions
