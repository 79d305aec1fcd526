"""``extract_parameters``: thresholds of an item line with the characteristic they measure and the
condition that qualifies them."""

from __future__ import annotations

import re

from interregime.analytics.parameters.comparators import better_comparator, idioms
from interregime.analytics.parameters.mentions import Mention, find_mentions
from interregime.analytics.parameters.numbers import guess_decimal_comma
from interregime.analytics.parameters.units import UnitError, match_unit, parse_unit, to_si, unit_label
from interregime.domain.parameters import Parameter

_MAX_WORDS = 8
_PARENTHESES = re.compile(r"\([^()]*\)")
_LAST_NUMBER = re.compile(r"\d(?:[\d.,]*\d)?(?=[^\d]*$)")
_EXAMPLE = re.compile(r"\(\s*(?:e\.\s?g\b|for example|for instance)", re.IGNORECASE)
_QUOTE_CHARS = "\"'“”‘’"
_QUOTED = re.compile(r"[\"“”]([^\"“”]{2,80})[\"“”]|(?<![A-Za-z])['‘’]([^'‘’]{2,80})['‘’](?![A-Za-z])")
_CUT = re.compile(
    r"\b(?:having|has|have|with|which|that|whose|where|when|while|if|for|capable of|providing|"
    r"containing|by|using|such that|so that|exhibiting|is|are|but|in which|at which|at|specified|"
    r"designed|rated|measured|of the following|following)\b",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?:(?:a|an|the|any|its|their|each|all|one|or|and|of|in|to|as|total of)\b\s*|[-:;,.\s])+",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"(?:\s*\b(?:of|is|are|be|being|to|at|a|an|the|or|and|in|by|value of)\b|[-:;,.\s])+$",
                       re.IGNORECASE)
_QUALIFIER_SKIP = re.compile(r"^\s*[,)]?\s*")
_QUALIFIER_STOP = re.compile(
    r";|:(?!\d)|\.(?:\s|$)|,\s*(?:and|or)\b|\s(?:and|or)\s(?!more\b|fewer\b|less\b)|,\s(?=[A-Z])"
)
_AFTER_NOUN = re.compile(r"\s*(?!(?:in|at|of|for|to|with|over|on|by|from|when|per|and|or|the)\b)"
                         r"([A-Za-z][A-Za-z\- '\"“”]*?)(?=\s+(?:which|that|for|with|having|in|of|on|"
                         r"and|or|to|per|capable|able|each|simultaneously)\b|[,;:.(]|$)")
_QUALIFYING_SEGMENT = re.compile(
    r"\s*(?:measured|at|when|according|along|under|while|during|i\.e\.|e\.g\.)\b", re.IGNORECASE
)
_WORDY = re.compile(r"[^\W\d_]{3}")
_COUNT_NOUN_STOP = {"or", "and", "of", "the", "a", "in", "at", "to", "is", "are", "which"}
_ONE_OR_MORE = re.compile(r"\bone or more\b", re.IGNORECASE)


def _restates_quantity(text: str, aside_start: int) -> bool:
    """Whether a number and its unit stand directly before the aside ("2000 nm (150 THz …)")."""
    number = _LAST_NUMBER.search(text, max(0, aside_start - 30), aside_start)
    unit = match_unit(text, number.end()) if number else None
    return unit is not None and not text[unit[0] : aside_start].strip()


def _blank_aside(match: re.Match[str]) -> str:
    aside = match.group(0)
    restates = _restates_quantity(match.string, match.start())
    if (not restates and not _EXAMPLE.match(aside)
            and (idioms().before.search(aside) or idioms().after.search(aside)) and re.search(r"\d", aside)):
        return "\0" + aside[1:-1] + "\0"
    return " " * len(aside)


def _mask(text: str) -> str:
    """Blank out parenthesised asides (restatements such as "(20 °C)") and "one or more" so that
    they neither end a clause nor become a characteristic; positions are kept. An aside that
    states a threshold of its own ("solutions (1 % or greater)") keeps its text, unless it restates
    the quantity just before it ("10 kg of ice or greater in 24 hours (10 liters of water or greater …)")
    or gives an example ("(e.g., a 'CEP' of 10 km or less)")."""
    masked = text
    while True:
        replaced = _PARENTHESES.sub(_blank_aside, masked)
        if replaced == masked:
            break
        masked = replaced
    masked = masked.replace("\0", " ")
    return _ONE_OR_MORE.sub(lambda match: match.group(0).replace(" or ", "_or_"), masked)


def _normalise(phrase: str) -> str:
    cleaned = phrase
    for char in _QUOTE_CHARS:
        cleaned = cleaned.replace(char, " " if char in "\"“”" else "")
    cleaned = " ".join(cleaned.split()).strip(" ,;:.-")
    cleaned = _LEADING.sub("", cleaned)
    cleaned = _TRAILING.sub("", cleaned)
    return cleaned.lower()


def _defined_term(segment: str) -> str | None:
    """The quoted term when the segment is nothing but that term (with articles)."""
    segment = _TRAILING.sub("", segment)
    matches = list(_QUOTED.finditer(segment))
    if not matches:
        return None
    last = matches[-1]
    if _normalise(segment[: last.start()]) or segment[last.end() :].strip(" ,"):
        return None
    return (last.group(1) or last.group(2)).strip()


def _preceding_phrase(masked: str, end: int, floor: int) -> tuple[str, str | None]:
    clause_start = max(
        masked.rfind(mark, floor, end) + len(mark) if masked.rfind(mark, floor, end) >= 0 else floor
        for mark in (";", ":", ". ", "\n")
    )
    bounds = [clause_start, *[clause_start + m.start() + 1 for m in re.finditer(",", masked[clause_start:end])]]
    pieces = [(start, bounds[i + 1] - 1 if i + 1 < len(bounds) else end) for i, start in enumerate(bounds)]
    asides = [_QUALIFYING_SEGMENT.match(masked[start:stop]) is not None for start, stop in pieces]
    for allow_asides in (False, True):
        for (start, stop), aside in zip(reversed(pieces), reversed(asides), strict=True):
            if aside and not allow_asides:
                continue
            found = _segment_phrase(masked, start, stop)
            if _WORDY.search(found[0]):
                return found
    return "", None


def _phrase(masked: str, start: int, stop: int) -> tuple[str, str | None]:
    words = masked[start:stop].replace("_or_", " or ").split()
    phrase = " ".join(words[-_MAX_WORDS:])
    term = _defined_term(phrase)
    return (_normalise(term) if term else _normalise(phrase)), term


def _segment_phrase(masked: str, start: int, stop: int) -> tuple[str, str | None]:
    """The noun phrase after the last cut word ("having", "with", "which" ...) of a clause segment;
    a quoted modifier directly after "with" or "for" belongs to the noun before it."""
    quoted = [match.span() for match in _QUOTED.finditer(masked, start, stop) if match.group(1)]
    cuts = [cut for cut in _CUT.finditer(masked, start, stop)
            if not any(left < cut.start() < right for left, right in quoted)]
    ends = [stop, *[cut.start() for cut in reversed(cuts)]]
    begins = [*[cut.end() for cut in reversed(cuts)], start]
    last = cuts[-1] if cuts else None
    if last is not None and last.group(0).lower() in ("for", "with"):
        before = _defined_term(masked[start : last.start()].strip()) if last.group(0).lower() == "for" else None
        if before:
            return _normalise(before), before
        if last.group(0).lower() == "with" and _defined_term(masked[last.end() : stop].strip()):
            characteristic, term = _phrase(masked, start, last.start())
            if characteristic:
                return characteristic, term
    for begin, end in zip(begins, ends, strict=True):
        characteristic, term = _phrase(masked, begin, end)
        if characteristic:
            return characteristic, term
    return "", None


def _following_noun(masked: str, position: int) -> str:
    match = _AFTER_NOUN.match(masked, position)
    if not match:
        return ""
    phrase = _normalise(match.group(1))
    words = [word for word in phrase.split() if word]
    while words and words[-1] in _COUNT_NOUN_STOP:
        words.pop()
    return " ".join(words[:_MAX_WORDS])


def _qualifier_end(masked: str, start: int) -> int:
    stop = _QUALIFIER_STOP.search(masked, start)
    return stop.start() if stop else len(masked)


def _acceleration_unit(unit_text: str, characteristic: str, qualifier: str, source: str) -> str:
    """``15 g`` is standard gravity, not grams, when it measures an acceleration or a vibration."""
    if unit_text == "g" and (re.search(r"accelerat|vibrat|shock", characteristic)
                             or qualifier.startswith(("rms", "environment"))
                             or re.search(r"\brms\b", source, re.IGNORECASE)):
        return "g-force"
    return unit_text


def _build(mention: Mention, characteristic: str, term: str | None, qualifier: str, text: str,
           conditions: tuple[Parameter, ...]) -> Parameter | None:
    try:
        source = text[mention.number_start : mention.end]
        unit = parse_unit(_acceleration_unit(mention.unit_text, characteristic, qualifier, source))
        numbers = [mention.value, mention.low, mention.high]
        si = [to_si(number, unit)[0] if number is not None else None for number in numbers]
        si_unit = to_si(1.0, unit)[1]
    except (UnitError, ValueError, OverflowError, ZeroDivisionError):
        return None
    comparator = better_comparator(mention.comparator, text[mention.start : mention.number_start], characteristic,
                                   unit_label(unit))
    return Parameter(
        characteristic=characteristic, comparator=comparator, value=mention.value,
        low=mention.low, high=mention.high, unit=unit_label(unit), si_value=si[0], si_low=si[1],
        si_high=si[2], si_unit=si_unit, qualifier=qualifier, defined_term=term,
        source_text=text[mention.start : mention.end], span=(mention.start, mention.end),
        low_inclusive=mention.low_inclusive, high_inclusive=mention.high_inclusive, conditions=conditions,
    )


def _describe(text: str, masked: str, mention: Mention, floor: int) -> tuple[str, str | None]:
    """A bare count names what it counts after it ("five or more axes"); otherwise the
    characteristic is the noun phrase before the threshold."""
    noun = _following_noun(masked, mention.end) if mention.counted else ""
    if noun.startswith(("times", "of ")):
        noun = ""
    if noun and mention.start == mention.number_start:
        return noun, None
    preceding = _preceding_phrase(masked, mention.start, floor)
    if preceding[0] or noun or not mention.counted:
        return preceding if preceding[0] or not noun else (noun, None)
    number_end = mention.number_start + len(masked[mention.number_start :].split(maxsplit=1)[0])
    return _following_noun(masked, number_end), None


def extract_parameters(text: str, decimal_comma: bool | None = None) -> list[Parameter]:
    """Thresholds stated in ``text``; thresholds inside another one's qualifier become its conditions."""
    if decimal_comma is None:
        decimal_comma = guess_decimal_comma(text)
    masked = _mask(text)
    mentions = find_mentions(masked, decimal_comma)
    parameters: list[Parameter] = []
    floor = 0
    index = 0
    while index < len(mentions):
        mention = mentions[index]
        characteristic, term = _describe(text, masked, mention, floor)
        qualifier_start = _QUALIFIER_SKIP.match(masked, mention.end)
        start = qualifier_start.end() if qualifier_start else mention.end
        end = _qualifier_end(masked, start)
        inner: list[Parameter] = []
        index += 1
        while index < len(mentions) and mentions[index].start < end:
            condition = mentions[index]
            condition_end = max(end, condition.end)
            end = condition_end if condition.end > end else end
            name, condition_term = _describe(text, masked, condition, mention.end)
            built = _build(condition, name, condition_term, "", text, ())
            if built:
                inner.append(built)
            index += 1
        qualifier = " ".join(masked[start:end].replace("_or_", " or ").split()).strip(" ,;.")
        parameter = _build(mention, characteristic, term, qualifier, text, tuple(inner))
        if parameter:
            parameters.append(parameter)
        floor = end
    return parameters
