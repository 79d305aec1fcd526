"""The overlaps and concordance report pages on the real corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from interregime.web.report_model import ReportContext
from interregime.web.sections import concordance, overlaps
from tests.analytics.overlap_corpus import contents, engine_for

pytestmark = pytest.mark.slow


def test_overlaps_page_links_both_entries(sources_dir: Path, tmp_path: Path) -> None:
    page = overlaps.section(ReportContext(engine_for(sources_dir), tmp_path))
    assert page is not None and page.slug == "overlaps"
    [table] = page.tables
    assert len(table.rows) == overlaps.TOP_PAIRS
    row = next(r for r in table.rows if {r["a"], r["b"]} == {"1C116", "1C216"})
    assert table.links["a"](row) == f"entries/eu-annex-i/{row['a']}.html"
    loaded = contents(sources_dir)
    for row in table.rows:
        for side in ("a", "b"):
            list_id, page_name = str(table.links[side](row)).split("/")[1:]
            assert loaded[list_id].entry(page_name.removesuffix(".html")) is not None


def test_concordance_page_tables(sources_dir: Path, tmp_path: Path) -> None:
    page = concordance.section(ReportContext(engine_for(sources_dir), tmp_path))
    assert page is not None
    mapping, deviations, national = page.tables
    row = next(r for r in mapping.rows if (r["list"], r["code"]) == ("us-ccl", "2B001"))
    assert mapping.links["regime_code"](row) == "entries/wassenaar/2.B.1.html"
    assert deviations.rows and all(r["deviations"] for r in deviations.rows)
    assert {("us-ccl", "3A090"), ("in-scomet", "7A")} <= {(r["list"], r["code"]) for r in national.rows}
