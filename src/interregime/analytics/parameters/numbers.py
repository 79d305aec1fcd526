"""Numbers as the lists write them: ``0,9``, ``1 000``, ``1,000`` (US), ``3 × 10^8``, ``3 x 10 8``,
``1,5 × 10-6`` (exponent written flat after the times sign), ``10⁻⁶``, ``1/3``, number words."""

from __future__ import annotations

import re

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SPACES = "[ \u00a0\u2009\u202f]"

WORD_NUMBERS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100,
}

NUMBER_PATTERN = (
    r"(?<![\w.,/⁻])"
    r"(?:"
    r"(?P<frac>\d{1,2}/\d{1,2})(?![\d/])"
    r"|(?P<pow>10\s*\^\s*[-−–]?\s*\d+|10[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
    r"|(?P<mant>[+\-−]?"
    rf"(?:[1-9]\d{{0,2}}(?:{_SPACES}\d{{3}})+(?![\d,.]\d)(?:[.,]\d+)?"
    r"|[1-9]\d{0,2}(?:,\d{3})+(?![\d])(?:\.\d+)?"
    r"|\d+(?:[.,]\d+)?|(?<=\s)\.\d+))"
    r"(?:\s*[×xX*]\s*(?P<exp>10\s*\^?\s*(?:[-−–]\s*)?\d{1,2}(?![\d,.]\d)|10[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+"
    r"|10\s+[-−–]?\d{1,2}(?![\d,.]\d))"
    r"|[eE](?P<eexp>[-+]?\d{1,2})(?!\w))?"
    r")"
)

_NUMBER = re.compile(NUMBER_PATTERN)
_WORD_NUMBER = re.compile(r"\b(" + "|".join(WORD_NUMBERS) + r")\b", re.IGNORECASE)


class NumberError(ValueError):
    """Raised for text that is not a number in any format of the lists."""


def _mantissa(text: str, decimal_comma: bool) -> float:
    text = text.replace("−", "-")
    text = re.sub(_SPACES, "", text)
    if "," in text and "." in text:
        text = text.replace(",", "")
    elif "," in text:
        groups = text.split(",")
        thousands = (
            not decimal_comma
            and len(groups) > 1
            and all(len(group) == 3 for group in groups[1:])
            and not groups[0].lstrip("+-").startswith("0")
        )
        text = text.replace(",", "") if thousands else text.replace(",", ".")
    return float(text)


def _exponent(text: str) -> int:
    text = text.translate(_SUPERSCRIPTS).replace("−", "-").replace("–", "-").replace("^", "")
    text = re.sub(r"\s+", "", text)
    if not text.startswith("10"):
        raise NumberError(f"not a power of ten: {text!r}")
    return int(text[2:])


def value_of(match: re.Match[str], decimal_comma: bool = True) -> float:
    """The value of a match of ``NUMBER_PATTERN``."""
    if match.group("frac"):
        numerator, denominator = match.group("frac").split("/")
        if int(denominator) == 0:
            raise NumberError(f"zero denominator in {match.group('frac')!r}")
        return int(numerator) / int(denominator)
    if match.group("pow"):
        return float(10 ** _exponent(match.group("pow")))
    mantissa = _mantissa(match.group("mant"), decimal_comma)
    if match.group("exp"):
        return float(f"{mantissa!r}e{_exponent(match.group('exp'))}")
    if match.group("eexp"):
        return float(f"{mantissa!r}e{int(match.group('eexp'))}")
    return mantissa


def find_numbers(text: str) -> list[re.Match[str]]:
    return list(_NUMBER.finditer(text))


def number_at(text: str, position: int) -> re.Match[str] | None:
    """The number starting at ``position`` (after optional spaces), if any."""
    return _NUMBER.match(text, position)


def word_number(text: str) -> int | None:
    match = _WORD_NUMBER.fullmatch(text.strip())
    return WORD_NUMBERS[match.group(1).lower()] if match else None


def parse_number(text: str, decimal_comma: bool | None = None) -> float:
    """Parse a whole string as one number; ``decimal_comma=None`` guesses the style from the string."""
    stripped = text.strip()
    if (spelled := word_number(stripped)) is not None:
        return float(spelled)
    match = _NUMBER.fullmatch(stripped)
    if not match:
        raise NumberError(f"not a number: {text!r}")
    if decimal_comma is None:
        decimal_comma = not re.search(r"\d\.\d", stripped)
    return value_of(match, decimal_comma)


def guess_decimal_comma(text: str) -> bool:
    """EU, Wassenaar, SCOMET and Norway write ``0,9``; the US CCL writes ``0.9`` and ``1,000``."""
    return not re.search(r"\d\.\d", text)


DECIMAL_COMMA_LISTS = frozenset({"eu-annex-i", "no-list-ii"})


def decimal_comma_for(list_id: str) -> bool:
    """Whether ``list_id`` writes ``0,9`` (EU style) rather than ``0.9`` and ``1,000`` (US and WA style)."""
    return list_id in DECIMAL_COMMA_LISTS
