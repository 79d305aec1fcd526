"""Control-list item codes: EU style (2B001.b.2), Wassenaar native (2.B.1.b.2), munitions (ML10.e.1)."""

from __future__ import annotations

import re

from interregime.domain.regimes import Regime

EU_ENTRY = re.compile(r"^(?P<cat>\d)(?P<grp>[A-E])(?P<num>\d{3})$")
WA_ENTRY = re.compile(r"^(?P<cat>\d)\.(?P<grp>[A-E])\.(?P<num>\d{1,3})$")
ML_ENTRY = re.compile(r"^ML(?P<num>\d{1,2})$", re.IGNORECASE)

# Third digit of an EU-style code names the regime the entry comes from.
_ORIGIN_DIGIT: dict[str, Regime] = {
    "0": Regime.WA,
    "1": Regime.MTCR,
    "2": Regime.NSG,
    "3": Regime.AG,
    "4": Regime.CWC,
}


def split_code(code: str) -> tuple[str, list[str]]:
    """Split ``2B001.b.2`` into the entry part and its sub-paragraph labels."""
    text = code.strip().rstrip(".")
    wa = re.match(r"^(\d\.[A-E]\.\d{1,3})((?:\.[^.]+)*)$", text)
    if wa:
        head, rest = wa.group(1), wa.group(2)
    else:
        head, _, rest = text.partition(".")
        rest = "." + rest if rest else ""
    labels = [part for part in rest.split(".") if part]
    return head, labels


def entry_code(code: str) -> str:
    """The top-level entry of an item code: ``2B001.b.2`` → ``2B001``; ``2.B.1.b`` → ``2.B.1``."""
    return split_code(code)[0]


def to_eu_style(code: str) -> str:
    """Wassenaar native codes in EU style (``2.B.1.b.2`` → ``2B001.b.2``); other codes unchanged."""
    head, labels = split_code(code)
    match = WA_ENTRY.match(head)
    if match:
        head = f"{match['cat']}{match['grp']}{int(match['num']):03d}"
    ml = ML_ENTRY.match(head)
    if ml:
        head = f"ML{int(ml['num'])}"
    return ".".join([head, *labels])


def to_wassenaar_native(code: str) -> str:
    """EU-style codes in Wassenaar form (``2B001.b.2`` → ``2.B.1.b.2``); other codes unchanged."""
    head, labels = split_code(code)
    match = EU_ENTRY.match(head)
    if match:
        head = f"{match['cat']}.{match['grp']}.{int(match['num'])}"
    return ".".join([head, *labels])


def regime_of_eu_code(code: str) -> Regime | None:
    """Regime of origin by the EU numbering rule: category 0 is the NSG trigger list; third digit
    0 WA, 1 MTCR, 2 NSG, 3 AG, 4 CWC; anything else (5xx, 9xx) is not regime-based."""
    head = entry_code(code)
    match = EU_ENTRY.match(head)
    if not match:
        if ML_ENTRY.match(head):
            return Regime.WA
        return None
    if match["cat"] == "0":
        return Regime.NSG
    return _ORIGIN_DIGIT.get(match["num"][0])


def parent_code(code: str) -> str | None:
    """``2B001.b.2`` → ``2B001.b``; an entry code has no parent."""
    head, labels = split_code(code)
    if not labels:
        return None
    return ".".join([head, *labels[:-1]])


def depth_of(code: str) -> int:
    return len(split_code(code)[1])


_LOWER_HEAD = re.compile(r"^(?P<cat>\d)(?:\.)?(?P<grp>[a-e])(?=[.\d])|^(?P<ml>ml)(?=\d)")


def normalise_case(code: str) -> str:
    """``2b001.b`` → ``2B001.b``, ``2.b.1`` → ``2.B.1``, ``ml10.a`` → ``ML10.a``; labels keep their case."""
    match = _LOWER_HEAD.match(code)
    if not match:
        return code
    if match["ml"]:
        return "ML" + code[2:]
    return code[: match.start("grp")] + match["grp"].upper() + code[match.end("grp") :]


def code_variants(code: str) -> list[str]:
    """Forms under which a user may write the same code: as given, EU style, Wassenaar native."""
    text = normalise_case(code.strip().rstrip("."))
    forms = [text, to_eu_style(text), to_wassenaar_native(text)]
    return list(dict.fromkeys(forms))
