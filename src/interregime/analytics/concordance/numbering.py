"""Code rules: which regime entry a national entry implements, read from its number alone.

EU Annex I, Norway's List II and SCOMET category 8 use (or carry) EU-style codes whose third digit
names the regime; the CCL's ECCNs equal EU codes for regime-based entries, 0x5zz and the 600 series
are munitions (Wassenaar Munitions List), x9xx and the 0x0 "national" entries (3A090, 4A090) are the
United States' own; SCOMET category 6 follows the Munitions List, category 7 is India's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interregime.domain.codes import EU_ENTRY, regime_of_eu_code
from interregime.domain.corpus import Entry
from interregime.domain.regimes import Regime

CCL_MUNITIONS = re.compile(r"^(?P<cat>\d)(?P<grp>[A-E])(?P<series>[56])(?P<num>\d{2})$")
SCOMET_MUNITIONS = re.compile(r"^6[A-E](?P<num>\d{3})$")
# CWC schedule numbers quoted in SCOMET's chemical entries ("Diethyl Phosphite 3B11 762-04-9").
CWC_SCHEDULE = re.compile(r"(?<![\w-])(?P<schedule>[123])(?P<part>[AB])(?P<num>\d{1,2})(?![\w-])")
# SCOMET 1A, 1B and 1C are the CWC's Schedules 1, 2 and 3.
SCOMET_SCHEDULES = {"A": "1", "B": "2", "C": "3"}
# An entry whose every line is only "(Reserved)" or "Not used" controls nothing.
RESERVED = re.compile(r"^[\W_]*(?:reserved|not used)[\W_]*$", re.IGNORECASE)
# Munitions List categories of the CCL's production equipment, software and technology groups.
_ML_GROUP = {"B": 18, "D": 21, "E": 22}
# 600-series numbers follow the US Munitions List where it differs from the Wassenaar one.
_USML_TO_ML = {19: 10}
# The x018 ECCNs hold items of the Wassenaar Munitions List that the CCL kept before the 600 series.
WASSENAAR_MUNITIONS_NUMBER = "018"


class Method:
    CODE = "code rule"
    TEXT = "text"
    PARAMETERS = "parameters"
    NATIONAL = "national"


@dataclass(frozen=True)
class RuleResult:
    regime: Regime | None
    regime_code: str
    method: str
    confidence: float
    note: str = ""


def ccl_munitions(code: str) -> str | None:
    """``0A505`` → ML3, ``9A610`` → ML10, ``0D501`` → ML21, ``2E018`` → ML22 (``1B018``, whose items span
    several Munitions List categories, → ML); None for other ECCNs."""
    if code[2:] == WASSENAAR_MUNITIONS_NUMBER:
        return f"ML{_ML_GROUP[code[1]]}" if code[1] in "DE" else "ML"
    match = CCL_MUNITIONS.match(code)
    if not match or (match["series"] == "5" and match["cat"] != "0"):
        return None
    group = match["grp"]
    if group in _ML_GROUP:
        return f"ML{_ML_GROUP[group]}"
    number = int(match["num"])
    if match["series"] == "5":
        return "ML3" if number == 5 else "ML1"
    return f"ML{_USML_TO_ML.get(number, number)}"


def eu_style_rule(code: str, national_regime: Regime | None) -> RuleResult | None:
    """The regime entry of an EU-style code: its own code, in the regime named by its third digit."""
    if not EU_ENTRY.match(code):
        return None
    regime = regime_of_eu_code(code)
    if regime is None:
        return RuleResult(None, "", Method.NATIONAL, 0.95, f"{code}: number outside the regime ranges")
    if national_regime is not None and national_regime != regime:
        return RuleResult(national_regime, code, Method.CODE, 0.8,
                          f"list says {national_regime.value}, numbering says {regime.value}")
    return RuleResult(regime, code, Method.CODE, 0.99)


def reserved(entry: Entry) -> bool:
    lines = [entry.heading, *(item.text for item in entry.items)]
    return all(RESERVED.match(line.strip()) or not line.strip() for line in lines)


def ccl_rule(entry: Entry, eu_codes: frozenset[str]) -> RuleResult | None:
    """Rules for ECCNs; None for an MTCR, NSG or AG-numbered ECCN whose regime (as the CCL states it
    and as its number says, or as its number says for an entry without reasons for control) has no EU
    entry of that number (renumbered entries): only text can tell."""
    code = entry.code
    munitions = ccl_munitions(code)
    if munitions and entry.regime == Regime.WA:
        return RuleResult(Regime.WA, munitions, Method.CODE, 0.9, "munitions (0x5zz/600 series/x018)")
    match = EU_ENTRY.match(code)
    if munitions or not match:
        return RuleResult(None, "", Method.NATIONAL, 0.9, "ECCN outside the regime numbering")
    if match["num"][0] == "9":
        return RuleResult(None, "", Method.NATIONAL, 0.95, "x9xx: United States only")
    if code not in eu_codes:
        # Wassenaar-range ECCNs the EU lacks are US additions (x018 munitions items, 3A090-style entries).
        numbered = regime_of_eu_code(code)
        if entry.regime not in (None, Regime.WA) and entry.regime == numbered:
            return None
        # an ITAR placeholder keeps its number but no reason for control (9A103: the EU's 9A120)
        if entry.regime is None and not entry.reasons and numbered not in (None, Regime.WA):
            return None
        if cwc_chemicals(entry):
            return RuleResult(Regime.CWC, "Schedule", Method.CODE, 0.7, CWC_CHEMICALS_NOTE)
        return RuleResult(None, "", Method.NATIONAL, 0.85, "regime-style number with no regime entry")
    result = eu_style_rule(code, None)
    assert result is not None
    return result


CWC_CHEMICALS_NOTE = "chemicals the CCL controls for CWC reasons; no EU entry of this number"


def cwc_chemicals(entry: Entry) -> bool:
    """A CCL chemicals entry (group C) controlled for Chemical Weapons Convention reasons (CW): the CWC
    schedules list chemicals only, so its software and technology entries (1E355) are not CWC entries."""
    return "CW" in entry.reasons and entry.code[1:2] == "C"


def scomet_rule(entry: Entry) -> RuleResult | None:
    """Rules for SCOMET entries; None when only the text can tell (categories 0-5)."""
    code = entry.code
    if reserved(entry):
        return RuleResult(None, "", Method.NATIONAL, 0.95, "reserved: controls nothing")
    if entry.eu_code:
        return eu_style_rule(entry.eu_code, entry.regime)
    if code.startswith("7"):
        return RuleResult(None, "", Method.NATIONAL, 0.95, "SCOMET category 7: India only")
    munitions = SCOMET_MUNITIONS.match(code)
    if munitions:
        return RuleResult(Regime.WA, f"ML{int(munitions['num'])}", Method.CODE, 0.95, "SCOMET category 6")
    if code[:2] in ("1A", "1B", "1C"):
        notes = (note.text for item in entry.items for note in item.notes)
        text = " ".join([entry.heading, *(item.text for item in entry.items), *notes])
        schedule = CWC_SCHEDULE.search(text)
        if schedule:
            number = f"{schedule['schedule']}.{schedule['part']}.{int(schedule['num'])}"
            return RuleResult(Regime.CWC, f"Schedule {number}", Method.CODE, 0.95,
                              "CWC schedule number quoted in the entry")
        part = SCOMET_SCHEDULES[code[1]]
        return RuleResult(Regime.CWC, f"Schedule {part}", Method.CODE, 0.8,
                          f"SCOMET {code[:2]} lists CWC Schedule {part} chemicals")
    return None


# SCOMET categories (first digit) → regimes whose entries their text is matched against.
SCOMET_REGIMES: dict[str, tuple[Regime, ...]] = {
    "0": (Regime.NSG,),
    "1D": (Regime.AG,),
    "1": (Regime.CWC, Regime.AG),
    "2": (Regime.AG,),
    "3": (Regime.NSG, Regime.MTCR, Regime.AG),
    "4": (Regime.NSG,),
    "5": (Regime.MTCR,),
}


def scomet_text_regimes(code: str) -> tuple[Regime, ...]:
    return SCOMET_REGIMES.get(code[:2]) or SCOMET_REGIMES.get(code[:1]) or ()
