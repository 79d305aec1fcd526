"""The concordance: every entry of a national (or the EU) list with the regime entry it implements."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from interregime.analytics.concordance.deviations import Deviation, compare_entries, word_deviations
from interregime.analytics.concordance.knowhow import knowhow_groups, scope_of
from interregime.analytics.concordance.matching import Reference, TextMatch, TextMatcher
from interregime.analytics.concordance.numbering import (
    CWC_CHEMICALS_NOTE,
    Method,
    RuleResult,
    ccl_rule,
    cwc_chemicals,
    eu_style_rule,
    scomet_rule,
    scomet_text_regimes,
)
from interregime.analytics.overlaps.renumbered import EU_LIST, EU_NUMBERED, renumbered
from interregime.domain.codes import regime_of_eu_code, to_wassenaar_native
from interregime.domain.corpus import EditionContent, Entry
from interregime.domain.regimes import Regime

REGIME_LIST = "wassenaar"
SUPPORTED = ("eu-annex-i", "us-ccl", "in-scomet", "no-list-ii")

MIN_TEXT_COSINE = 0.2
# A regime-numbered ECCN with no EU entry of its number is matched only within its category and
# product group (a renumbered entry: CCL 9B104 is the EU's 9B107), and only this closely.
CCL_TEXT_COSINE = 0.5


@dataclass
class ConcordanceRow:
    list_id: str
    code: str
    heading: str
    regime: Regime | None
    regime_code: str
    regime_entry: str
    method: str
    confidence: float
    note: str = ""
    deviations: list[Deviation] = field(default_factory=list)

    @property
    def national_only(self) -> bool:
        return self.regime is None

    def as_dict(self) -> dict[str, object]:
        return {"list": self.list_id, "code": self.code, "regime": self.regime.value if self.regime else None,
                "regime_code": self.regime_code, "regime_entry": self.regime_entry, "method": self.method,
                "confidence": self.confidence, "note": self.note,
                "deviations": [deviation.as_dict() for deviation in self.deviations]}


class _Regimes:
    """Regime entries available in the corpus: the Wassenaar list, and the EU's entries of the others."""

    def __init__(self, contents: Mapping[str, EditionContent]) -> None:
        wassenaar = contents.get(REGIME_LIST)
        eu = contents.get(EU_LIST)
        self.wassenaar: dict[str, Entry] = {e.eu_code or e.code: e for e in wassenaar.entries} if wassenaar else {}
        self.eu: dict[str, Entry] = {e.code: e for e in eu.entries} if eu else {}
        self.references = [Reference(e.regime, e.code, e) for e in self.eu.values() if e.regime is not None]

    def text_of(self, regime: Regime | None, code: str) -> tuple[str, Entry] | None:
        """The list holding the regime's wording of ``code`` and that entry."""
        if regime == Regime.WA and code in self.wassenaar:
            return REGIME_LIST, self.wassenaar[code]
        return (EU_LIST, self.eu[code]) if code in self.eu else None


def _native(regime: Regime, code: str, entry: Entry | None, regimes: _Regimes) -> tuple[str, float, str]:
    """The regime's own number for an entry known by its EU-style ``code``, a confidence factor and a note."""
    if regime == Regime.WA:
        if code in regimes.wassenaar:
            return regimes.wassenaar[code].code, 1.0, ""
        return to_wassenaar_native(code), 0.75, "not in the stored Wassenaar list"
    holders = [e for e in (entry, regimes.eu.get(code)) if e is not None]
    for holder in holders:
        for native in holder.native_codes:
            if native.regime == regime:
                return native.code, 1.0, f"{regime.value} number from {native.source.split(' ')[0]}"
    return code, 1.0, f"{regime.value} entry by its EU number"


def _from_rule(list_id: str, entry: Entry, rule: RuleResult, regimes: _Regimes) -> ConcordanceRow:
    if rule.regime is None:
        return ConcordanceRow(list_id, entry.code, entry.heading, None, "", "", rule.method, rule.confidence,
                              rule.note, [Deviation("national only", rule.note or "no regime entry")])
    eu_code = rule.regime_code
    if eu_code.startswith(("ML", "Schedule")):
        known = eu_code in regimes.wassenaar or rule.regime != Regime.WA
        return ConcordanceRow(list_id, entry.code, entry.heading, rule.regime, eu_code, eu_code, rule.method,
                              rule.confidence if known else rule.confidence * 0.8, rule.note)
    native, factor, note = _native(rule.regime, eu_code, entry, regimes)
    row = ConcordanceRow(list_id, entry.code, entry.heading, rule.regime, native, eu_code, rule.method,
                         round(rule.confidence * factor, 2), "; ".join(n for n in (rule.note, note) if n))
    reference = regimes.text_of(rule.regime, eu_code)
    if reference is not None and reference[1] is not entry:
        row.deviations = compare_entries(entry, reference[1], list_id, reference[0])
    return row


def _from_text(list_id: str, entry: Entry, match: TextMatch | None, regimes: _Regimes,
               floor: float | None = None) -> ConcordanceRow:
    if floor is None:
        floor = CCL_TEXT_COSINE if list_id == "us-ccl" else MIN_TEXT_COSINE
    if (match is None or max(match.cosine, match.item_cosine) < floor) and list_id == "us-ccl" \
            and cwc_chemicals(entry):
        return _from_rule(list_id, entry, RuleResult(Regime.CWC, "Schedule", Method.CODE, 0.6, CWC_CHEMICALS_NOTE),
                          regimes)
    if match is None or max(match.cosine, match.item_cosine) < floor:
        note = "no regime entry with similar text"
        return ConcordanceRow(list_id, entry.code, entry.heading, None, "", "", Method.NATIONAL, 0.5, note,
                              [Deviation("national only", note)])
    reference = match.reference
    native, _, note = _native(reference.regime, reference.code, None, regimes)
    regime_code = match.item_code if match.item_code != reference.code else native
    confidence = round(min(0.95, max(match.cosine, match.item_cosine)), 2)
    row = ConcordanceRow(list_id, entry.code, entry.heading, reference.regime, regime_code, reference.code,
                         Method.TEXT, confidence, note)
    ours = " ".join(item.text for item in entry.items) or entry.heading
    if match.item_code != reference.code and reference.entry.subtree(match.item_code):
        theirs, where = reference.entry.subtree(match.item_code), f"against {match.item_code}"
    else:
        theirs, where = reference.entry.items, "whole entry"
    row.deviations = word_deviations(ours, " ".join(item.text for item in theirs), where)
    return row


def _rule(list_id: str, entry: Entry, eu_codes: frozenset[str]) -> RuleResult | None:
    if list_id == "us-ccl":
        return ccl_rule(entry, eu_codes)
    if list_id == "in-scomet":
        return scomet_rule(entry)
    return eu_style_rule(entry.eu_code or entry.code, entry.regime)


def _text_regimes(list_id: str, entry: Entry) -> tuple[Regime, ...]:
    """The regimes a national entry left to text matching may implement: by SCOMET category, the
    regime the CCL names for the ECCN, any regime otherwise."""
    if list_id == "in-scomet":
        return scomet_text_regimes(entry.code)
    if list_id == "us-ccl":
        numbered = regime_of_eu_code(entry.code)
        return (entry.regime,) if entry.regime is not None else (numbered,) if numbered is not None else ()
    return tuple(Regime)


def concordance(contents: Mapping[str, EditionContent], list_id: str) -> list[ConcordanceRow]:
    """Rows for every entry of ``list_id``; ``contents`` maps list ids to loaded editions (the
    Wassenaar list and EU Annex I serve as the regimes' texts)."""
    if list_id not in SUPPORTED:
        raise ValueError(f"no concordance for list {list_id!r}; expected one of {', '.join(SUPPORTED)}")
    if list_id not in contents:
        raise LookupError(f"list {list_id!r} is not in the database; run `interregime build`")
    regimes = _Regimes(contents)
    eu_codes = frozenset(regimes.eu)
    rules = {entry.code: _rule(list_id, entry, eu_codes) for entry in contents[list_id].entries}
    if list_id in EU_NUMBERED:
        for code, eu_code in renumbered(contents[list_id].entries, regimes.eu).items():
            regime = regimes.eu[eu_code].regime
            rules[code] = RuleResult(regime, eu_code, Method.TEXT, 0.8,
                                     f"the EU lists these goods as {eu_code}; its {code} holds other goods")
    pending = [entry for entry in contents[list_id].entries if rules[entry.code] is None]
    matcher = TextMatcher(regimes.references, pending) if pending and regimes.references else None
    rows: list[ConcordanceRow] = []
    for entry in contents[list_id].entries:
        rule = rules[entry.code]
        if rule is not None:
            rows.append(_from_rule(list_id, entry, rule, regimes))
            continue
        allowed = _text_regimes(list_id, entry)
        prefix = entry.code[:1] if list_id == "us-ccl" else ""
        match = matcher.best(entry, allowed, prefix) if matcher is not None and allowed else None
        rows.append(_from_text(list_id, entry, match, regimes))
    if list_id == "in-scomet" and matcher is not None:
        _place_knowhow(contents[list_id].entries, rows, matcher, regimes, frozenset(entry.code for entry in pending))
    return rows


def _place_knowhow(entries: Sequence[Entry], rows: list[ConcordanceRow], matcher: TextMatcher,
                   regimes: _Regimes, pending: frozenset[str]) -> None:
    """Second pass over software/technology entries left to text: the regime and EU categories of the goods
    they name by number (``concordance.knowhow``), then the closest of that regime's D or E entries there."""
    placed = {row.code: (row.regime, row.regime_entry) for row in rows}
    for position, entry in enumerate(entries):
        groups = knowhow_groups(entry)
        if entry.code not in pending or not groups:
            continue
        found = scope_of(entry, entries, placed)
        if found is None:
            continue
        among = frozenset(ref.code for ref in regimes.references if ref.regime == found.regime
                          and ref.code[1:2] in groups and (not found.categories or ref.code[:1] in found.categories))
        match = matcher.best(entry, (found.regime,), groups=groups, among=among, floor=0.0)
        if match is None:
            continue
        row = _from_text("in-scomet", entry, match, regimes, floor=0.0)
        row.confidence = round(min(row.confidence, 0.6), 2)
        row.note = "; ".join(n for n in (f"{found.regime.value} software/technology for the goods of "
                                         f"{', '.join(found.goods[:4])}{' …' if len(found.goods) > 4 else ''}",
                                         row.note) if n)
        rows[position] = row
