"""Reasons for control of an ECCN, the regime it comes from, and its EU-style equivalent code."""

from __future__ import annotations

import re

from interregime.domain.codes import EU_ENTRY, regime_of_eu_code
from interregime.domain.regimes import Regime

REASON_REGIMES: dict[str, Regime] = {
    "NS": Regime.WA,
    "MT": Regime.MTCR,
    "NP": Regime.NSG,
    "CB": Regime.AG,
    "CW": Regime.CWC,
}
KNOWN_REASONS = frozenset({"NS", "MT", "NP", "CB", "CW", "AT", "RS", "CC", "SL", "FC", "UN", "SS", "EI", "FP", "SI"})
_TOKEN = re.compile(r"[A-Za-z]+(?:\s+policy)?|\d")


def parse_reasons(text: str) -> tuple[list[str], list[str]]:
    """``NS, RS, MT and AT.`` → (["NS", "RS", "MT", "AT"], unknown words). ``CC1`` is CC (its column),
    and "foreign policy" is FP."""
    reasons: list[str] = []
    unknown: list[str] = []
    for token in _TOKEN.findall(text):
        word = token.lower()
        if word in ("and", "or") or token.isdigit():
            continue
        code = "FP" if word.startswith("foreign") else token.upper()
        if code.startswith("CC") and code[2:].isdigit():
            code = "CC"
        if code not in KNOWN_REASONS:
            unknown.append(token)
        elif code not in reasons:
            reasons.append(code)
    return reasons, unknown


def _number(code: str) -> str:
    match = EU_ENTRY.match(code)
    return match["num"] if match else ""


def is_national(code: str) -> bool:
    """ECCNs with no counterpart in the regime lists: 0Y9xx (anti-terrorism, national), 0Y09x
    (3A090-type national controls), 0Y5xx (0Y521 emerging, 9x515 spacecraft) and the 600 series."""
    number = _number(code)
    return not number or number[0] in "569" or number.startswith("09")


def regime_of_eccn(code: str, reasons: list[str]) -> Regime | None:
    """The regime of origin: the one a reason for control names; among several, the one the EU-style
    numbering rule gives. The munitions (600/515) series come from the Wassenaar Munitions List when
    controlled for NS; national-only ECCNs and anti-terrorism-only ones come from no regime."""
    number = _number(code)
    if not number or number[0] == "9" or number.startswith("09"):
        return None
    regimes = [REASON_REGIMES[reason] for reason in reasons if reason in REASON_REGIMES]
    if number[0] in "56":
        return Regime.WA if Regime.WA in regimes else None
    if not regimes:
        return None
    by_number = regime_of_eu_code(code)
    if by_number in regimes:
        return by_number
    return regimes[0]


def eu_code_of(code: str) -> str:
    return "" if is_national(code) else code
