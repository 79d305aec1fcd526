"""Threshold mentions in text: a comparator idiom, one or two numbers and a unit, with their spans.
Which noun phrase they measure is decided in ``extract``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interregime.analytics.parameters.comparators import comparator_after, comparator_before, idioms
from interregime.analytics.parameters.numbers import WORD_NUMBERS, NumberError, find_numbers, value_of
from interregime.analytics.parameters.units import UnitError, convert, match_unit, parse_unit, unit_before
from interregime.domain.parameters import Comparator

_WINDOW = 80
_BETWEEN = re.compile(r"(?:\s|±|\+/-|\bplus or minus\b|\ban?\b|\blevel\b)*$", re.IGNORECASE)
_MULTIPLIER = re.compile(r"\s+(?P<word>thousand|million|billion)\b", re.IGNORECASE)
_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_WORD_NUMBER = re.compile(r"\b(?P<word>" + "|".join(WORD_NUMBERS) + r")\b", re.IGNORECASE)
_SPELLED_UNIT = re.compile(r"[A-Za-z]{3,}(?: [A-Za-z]+)*")
_FLAT_POWER = re.compile(r"(?<![\w.,])10\s?[-−–]\s?(?P<exponent>\d{1,2})(?![\d,.]\d)")
_NUMBER_AHEAD = re.compile(r"\s*[-+−]?\.?\d")
_GAP = re.compile(
    r"(?:\s+(?!(?:and|or|nor|but|with|at|for|when|which|that|in|on|to|from|per|if|than)\b)"
    r"(?:[A-Za-z][A-Za-z\-]*|[\"'‘’“”][^\"'‘’“”;,\d]{1,40}[\"'‘’“”]|\([\"'‘’“”]?[A-Za-z/]{1,12}[\"'‘’“”]?\))){1,5}"
)
_WORD_COUNT = re.compile(
    r"\b(?P<word>" + "|".join(WORD_NUMBERS) + r")\s+or\s+(?P<tail>more|fewer|less|greater)\b", re.IGNORECASE
)
_COUNTED_NOUN = re.compile(r"\s+[a-z]{3,20}(?=\s+or\s)")
_GLUED_COMPARATIVE = re.compile(r"[a-z](?:greater|less|more|exceeding|higher|lower|smaller|larger)\b")
_NOT_A_COUNT = re.compile(r"-|\s+times\b")
_TIMES = re.compile(r"\s*[x×]\s*")
_ELLIPTIC_LINK = re.compile(r"\s+[A-Za-z][a-z]+\s+and\s+")
_QUOTE = re.compile(r"[\"'‘’“”]")
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


def _unit_after(text: str, position: int) -> tuple[int, str]:
    unit = match_unit(text, position)
    return unit if unit else (position, "")


def _flat_powers(text: str) -> list[_Number]:
    """``less than 10-14 J``: a bare ten with its exponent written flat, read as a power only after a
    comparator (elsewhere ``10-14`` may be a range)."""
    powers: list[_Number] = []
    for match in _FLAT_POWER.finditer(text):
        if _comparator_before(text, match.start()) is None:
            continue
        unit_end, unit_text = _unit_after(text, match.end())
        powers.append(_Number(match.start(), match.end(), 10.0 ** -int(match.group("exponent")), unit_text, unit_end))
    return powers


def _spelled_numbers(text: str, taken: list[tuple[int, int]]) -> list[_Number]:
    """Number words: ``five or more axes``, ``more than four nitro groups`` (not ``more than one``, which
    means several), and ``thirty minutes`` before a spelled-out unit."""
    numbers: list[_Number] = []
    for match in _WORD_COUNT.finditer(text):
        value = float(WORD_NUMBERS[match.group("word").lower()])
        numbers.append(_Number(match.start(), match.start("word") + len(match.group("word")), value, "", 0))
        taken.append((match.start(), match.end()))
    for match in _WORD_NUMBER.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        unit_end, unit_text = _unit_after(text, match.end())
        value = float(WORD_NUMBERS[match.group("word").lower()])
        if _SPELLED_UNIT.fullmatch(unit_text):
            numbers.append(_Number(match.start(), match.end(), value, unit_text, unit_end))
        elif (not unit_text and value > 1 and not _NOT_A_COUNT.match(text, match.end())
              and _comparator_before(text, match.start()) is not None):
            numbers.append(_Number(match.start(), match.end(), value, "", match.end()))
    return numbers


def _numbers(text: str, decimal_comma: bool) -> list[_Number]:
    numbers = _flat_powers(text)
    taken = [(number.start, number.unit_end) for number in numbers]
    for match in find_numbers(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        try:
            value = value_of(match, decimal_comma)
        except (NumberError, ValueError, OverflowError):
            continue
        end = match.end()
        multiplier = _MULTIPLIER.match(text, end)
        if multiplier:
            value *= _MULTIPLIERS[multiplier.group("word").lower()]
            end = multiplier.end()
        unit_end, unit_text = _unit_after(text, end)
        start = match.start()
        if not unit_text and (prefixed := unit_before(text, start)):
            start, unit_text = prefixed
        numbers.append(_Number(start, match.end(), value, unit_text, unit_end))
    numbers.extend(_spelled_numbers(text, taken))
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
    if best is None and _GLUED_COMPARATIVE.search(head):
        best = idioms().before_end_glued.search(head)
    if best is None:
        return None
    return window_start + best.start(), comparator_before(best.group(0))


def _capability_before(text: str, number: _Number) -> tuple[int, Comparator] | None:
    """``capable of a range of 300 km``: a capability without a comparator is a minimum, read from the
    number on (the words before it name the characteristic)."""
    if not number.unit_text:
        return None
    window_start = max(0, number.start - _WINDOW)
    found = idioms().capability.search(text, window_start, number.start)
    if found is None:
        return None
    clause_start = max(text.rfind(mark, 0, found.start()) for mark in (";", ":", "\n")) + 1
    if idioms().end_use.search(text, clause_start, found.start()):
        return None
    return number.start, idioms().capability_comparator


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


def _bare_range(text: str, number: _Number, upper: _Number) -> bool:
    """``an operating pressure of 1,5 to 60 MPa``: a range without an opening word when "to" joins two
    numbers, the second with a unit, and no comparator stands before the first."""
    return (bool(upper.unit_text) and re.fullmatch(r"\s*to\s*", text[number.unit_end : upper.start]) is not None
            and _comparator_before(text, number.start) is None)


def _after_idiom(text: str, number: _Number) -> re.Match[str] | None:
    """The comparator written after the number: ``10 kg or more``, also past a counted noun (``5 axes or
    more``) or a few words naming the measure (``200 m 'CEP' or less``, ``60% of the strength or more``).
    A comparator before the number wins over one separated from it by words. ``below 228 K or above
    358 K`` is two thresholds, so an idiom followed by a number does not count."""
    after = idioms().after.match(text, number.unit_end)
    if after is None and (not number.unit_text or _comparator_before(text, number.start) is None):
        gap = (_COUNTED_NOUN if not number.unit_text else _GAP).match(text, number.unit_end)
        if gap is None and not number.unit_text:
            gap = _GAP.match(text, number.unit_end)
            gap = gap if gap and _QUOTE.search(gap.group(0)) else None
        after = idioms().after.match(text, gap.end()) if gap else None
    if after is not None and _NUMBER_AHEAD.match(text, after.end()):
        return None
    return after


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
        if index < len(numbers) and (opening is not None or _bare_range(text, number, numbers[index])):
            upper = numbers[index]
            joining = idioms().range_joining.fullmatch(text[number.unit_end : upper.start])
            unit = upper.unit_text or number.unit_text
            low = _in_unit(number.value, number.unit_text, unit)
            if joining and low is not None:
                mentions.append(Mention(number.start if opening is None else opening, number.start,
                                        upper.unit_end, Comparator.RANGE, None, low, upper.value, unit, True, True))
                index += 1
                continue
        after = _after_idiom(text, number)
        if after:
            counted = not number.unit_text
            mention = Mention(number.start, number.start, after.end(), comparator_after(after.group(0)),
                              number.value, None, None, number.unit_text, counted=counted)
            mention = _merge_upper(text, mention, numbers[index:], decimal_comma)
            if mention.comparator == Comparator.RANGE:
                index += 1
            mentions.append(mention)
            continue
        before = _comparator_before(text, number.start) or _capability_before(text, number)
        if before is None:
            dimensions = _dimensions(text, numbers, index - 1)
            mentions.extend(dimensions)
            index += max(0, len(dimensions) - 1)
            continue
        mention = Mention(before[0], number.start, number.unit_end, before[1], number.value, None, None,
                          number.unit_text, counted=not number.unit_text)
        mention = _merge_upper(text, mention, numbers[index:], decimal_comma)
        if mention.comparator == Comparator.RANGE:
            index += 1
        mentions.append(mention)
        if index < len(numbers) and (shared := _elliptic(text, mention, numbers[index])):
            mentions.append(shared)
            index += 1
    return mentions


def _dimensions(text: str, numbers: list[_Number], first: int) -> list[Mention]:
    """``a size of 120 mm x 120 mm x 50 mm or greater``: the comparator after the last dimension
    holds for each of them."""
    last = first
    while last + 1 < len(numbers) and _TIMES.fullmatch(text, numbers[last].unit_end, numbers[last + 1].start):
        last += 1
    after = _after_idiom(text, numbers[last]) if last > first else None
    if after is None:
        return []
    comparator = comparator_after(after.group(0))
    chain = numbers[first : last + 1]
    return [Mention(number.start, number.start, after.end() if number is chain[-1] else number.unit_end,
                    comparator, number.value, None, None, number.unit_text or chain[-1].unit_text)
            for number in chain]


def _elliptic(text: str, mention: Mention, following: _Number) -> Mention | None:
    """``more than 25 % nickel and 20 % chromium``: a second quantity in the same unit, naming its own
    material, shares the comparator written before the first."""
    if (mention.comparator == Comparator.RANGE or not mention.unit_text
            or following.unit_text != mention.unit_text
            or not _ELLIPTIC_LINK.fullmatch(text, mention.end, following.start)
            or idioms().after.match(text, following.unit_end)):
        return None
    return Mention(following.start, following.start, following.unit_end, mention.comparator, following.value,
                   None, None, following.unit_text)
