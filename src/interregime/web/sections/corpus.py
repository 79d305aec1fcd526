"""The corpus page: every stored edition with its counts and provenance, linked to its entries."""

from __future__ import annotations

from interregime.web.report_model import ReportContext, ReportPage, ReportTable, entry_href


def section(context: ReportContext) -> ReportPage:
    summaries = context.edition_summaries()
    editions = ReportTable(
        "editions",
        ["list", "edition", "regime", "entries", "items", "notes", "definitions", "cross_references", "source_file",
         "sha256"],
        [
            {"list": s.list_id, "edition": s.date.isoformat(), "regime": s.regime, "entries": s.entries,
             "items": s.items, "notes": s.notes, "definitions": s.definitions,
             "cross_references": s.cross_references, "source_file": s.source_file, "sha256": s.sha256}
            for s in summaries
        ],
        caption="Editions in the corpus",
    )
    entry_rows: list[dict[str, object]] = []
    for content in context.newest_editions():
        list_id = content.control_list.id
        entry_rows.extend(
            {"list": list_id, "code": e.code, "eu_code": e.eu_code,
             "regime": e.regime.value if e.regime else "", "heading": e.heading[:160], "items": len(e.items)}
            for e in content.entries
        )
    entries = ReportTable(
        "entries", ["list", "code", "eu_code", "regime", "heading", "items"], entry_rows,
        links={"code": lambda row: entry_href(str(row["list"]), str(row["code"]))},
        caption="Entries (newest edition of each list)",
    )
    return ReportPage("corpus", "Corpus", "The control lists parsed from their official publications.",
                      [editions, entries])
