"""The overlaps page: entries of different regimes controlling overlapping items, best pairs first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from interregime.analytics.overlaps import detect
from interregime.web.report_model import ReportContext, ReportPage, ReportTable, Row, entry_href

TOP_PAIRS = 400


def _href(side: str) -> Callable[[Row], str | None]:
    def link(row: Row) -> str | None:
        return entry_href(str(row[f"{side}_list"]), str(row[f"{side}_entry"]))
    return link


def section(context: ReportContext) -> ReportPage | None:
    contents = context.newest_editions()
    if not contents:
        return None
    detection = detect(contents)
    overlaps = detection.overlaps[:TOP_PAIRS]
    entry_code = {(unit.list_id, unit.eu_code or unit.code): unit.code for unit in detection.units}
    rows = [
        {"a": o.a.code, "a_regime": o.a.regime.value, "a_list": o.a.list_id,
         "a_entry": entry_code.get((o.a.list_id, o.a.code), o.a.code), "a_heading": o.a.heading[:120],
         "b": o.b.code, "b_regime": o.b.regime.value, "b_list": o.b.list_id,
         "b_entry": entry_code.get((o.b.list_id, o.b.code), o.b.code), "b_heading": o.b.heading[:120],
         "kind": o.kind.value, "score": o.score, "explanation": o.explanation}
        for o in overlaps
    ]
    table = ReportTable(
        "overlaps",
        ["a", "a_regime", "a_heading", "b", "b_regime", "b_heading", "kind", "score", "explanation"],
        rows, links={"a": _href("a"), "b": _href("b")},
        caption=f"The {len(rows)} best-scoring pairs of entries from different regimes",
    )
    kinds = Counter(o.kind.value for o in detection.overlaps)
    facts = [("entries compared", str(len(detection.units))), ("candidate pairs", str(len(detection.overlaps)))]
    facts.extend((f"pairs: {kind}", str(count)) for kind, count in kinds.most_common())
    intro = ("Each entry's ten best partners in other regimes, scored by TF-IDF similarity of item lines (codes "
             "stripped), headings, the lists' numbering and their explicit cross-references; classified from "
             "the thresholds both entries state (nested, conflicting, duplicate) and from \"other than\" "
             "carve-outs.")
    return ReportPage("overlaps", "Overlaps between regimes", intro, [table], facts=facts)
