"""The diffs report page: counts by kind, change tables with <del>/<ins> word diffs, plain downloads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa

from interregime.domain.corpus import ControlList, Edition, EditionContent, Entry, Item, ListKind
from interregime.storage.corpus_store import save_edition
from interregime.web.report import write_report
from interregime.web.report_model import ReportContext
from interregime.web.sections.diffs import section

COMPOSITES = "Composite structures in the form of tubes having both of the following characteristics:"


def content(list_id: str, date: str, diameter: str, extra: list[Entry]) -> EditionContent:
    control_list = ControlList(list_id, list_id, ListKind.NATIONAL, "Test authority")
    entry = Entry("1A202", COMPOSITES, "1", None, items=[
        Item("1A202", COMPOSITES), Item("1A202.a", f"An inside diameter of between 75 mm and {diameter} mm;",
                                        "1A202", 1)])
    edition = Edition(list_id, dt.date.fromisoformat(date), list_id, "test.json", "0" * 64)
    return EditionContent(control_list, edition, [entry, *extra])


def test_diffs_page_lists_counts_and_changes(engine: sa.Engine, tmp_path: Path) -> None:
    added = Entry("3A504", "Cryogenic wafer probers", "3", None, items=[Item("3A504", "Cryogenic wafer probers")])
    with engine.begin() as conn:
        save_edition(conn, content("no-list-ii", "2022-03-01", "400", []))
        save_edition(conn, content("eu-annex-i", "2025-11-15", "650", [added]))
    context = ReportContext(engine, tmp_path / "report")
    page = section(context)
    assert page is not None and [t.name for t in page.tables] == ["counts", "no-list-ii-2022-eu-annex-i-2025"]
    assert {(r["change"], r["count"]) for r in page.tables[0].rows} == {
        ("added/entry", 1), ("changed/item", 1), ("editorial only (not listed)", 0)}
    write_report(context, [section])
    html = (tmp_path / "report" / "diffs.html").read_text(encoding="utf-8")
    assert "between 75 mm and <del>400</del> <ins>650</ins> mm;" in html
    assert "1A202.a inside diameter threshold 75–400 mm → 75–650 mm" in html
    assert 'href="entries/eu-annex-i/3A504.html"' in html
    csv_text = (tmp_path / "report" / "downloads" / "diffs-no-list-ii-2022-eu-annex-i-2025.csv").read_text("utf-8")
    assert "[-400-] {+650+}" in csv_text and "<del>" not in csv_text


def test_no_page_without_lists_to_compare(engine: sa.Engine, tmp_path: Path) -> None:
    assert section(ReportContext(engine, tmp_path)) is None
