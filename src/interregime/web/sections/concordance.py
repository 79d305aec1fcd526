"""The concordance page: which regime entry every national entry implements, and its deviations."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from interregime.analytics.concordance import SUPPORTED, concordance
from interregime.web.report_model import ReportContext, ReportPage, ReportTable, Row, entry_href

REGIME_LIST = "wassenaar"


def _entry_link(row: Row) -> str | None:
    return entry_href(str(row["list"]), str(row["code"]))


def _regime_link(known: frozenset[str]) -> Callable[[Row], str | None]:
    """Links to the Wassenaar list's entry pages, for the entries it holds."""
    def link(row: Row) -> str | None:
        code = str(row["regime_code"])
        return entry_href(REGIME_LIST, code) if row["regime"] == "WA" and code in known else None
    return link


def section(context: ReportContext) -> ReportPage | None:
    contents = {list_id: context.edition(list_id) for list_id in context.list_ids()}
    rows: list[dict[str, Any]] = []
    for list_id in SUPPORTED:
        if list_id in contents:
            rows.extend(
                {**row.as_dict(), "deviations": [f"{d.kind}: {d.detail}" for d in row.deviations]}
                for row in concordance(contents, list_id)
            )
    if not rows:
        return None
    columns = ["list", "code", "regime", "regime_code", "method", "confidence", "note", "deviations"]
    wassenaar = contents.get(REGIME_LIST)
    known = frozenset(entry.code for entry in wassenaar.entries) if wassenaar else frozenset()
    links = {"code": _entry_link, "regime_code": _regime_link(known)}
    mapping = ReportTable("concordance", columns, rows, links, caption="Every entry and the regime entry it implements")
    flagged = [row for row in rows if any(not d.startswith("national only") for d in row["deviations"])]
    deviations = ReportTable("deviations", columns, flagged, links,
                             caption="Entries whose text or thresholds depart from the regime's")
    national = [row for row in rows if row["regime"] is None]
    national_table = ReportTable("national-only", ["list", "code", "method", "confidence", "note"], national,
                                 {"code": _entry_link}, caption="Entries implementing no regime entry")
    counts = Counter((row["list"], row["regime"] or "national") for row in rows)
    facts = [(f"{list_id}: {regime}", str(count)) for (list_id, regime), count in sorted(counts.items())]
    intro = ("Code rules place entries whose numbers follow the EU scheme (and the CCL's munitions and x9xx "
             "ranges, SCOMET categories 6-8); the rest are matched by the text of their items. Deviations compare "
             "items, words and thresholds with the Wassenaar list or EU Annex I.")
    return ReportPage("concordance", "Concordance", intro, [mapping, deviations, national_table], facts=facts)
