"""The static report renders from the real EU list and every local link resolves."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from interregime.domain.corpus import EditionContent
from interregime.ingest.build import build
from interregime.storage import corpus_store
from interregime.web.report import write_report
from interregime.web.report_model import ReportContext

LINK = re.compile(r'(?:href|src)="([^"#]+)"')


def local_links(page: Path) -> list[Path]:
    targets = []
    for href in LINK.findall(page.read_text(encoding="utf-8")):
        if "://" in href:
            continue
        targets.append((page.parent / href).resolve())
    return targets


def test_report_renders_and_links_resolve(engine: sa.Engine, sources_dir: Path, tmp_path: Path) -> None:
    build(engine, sources_dir, ["eu-annex-i", "members"])
    out = tmp_path / "report"
    pages = write_report(ReportContext(engine, out, sources_dir))
    assert pages[0].name == "index.html" and (out / "corpus.html") in pages
    html_files = list(out.rglob("*.html"))
    assert len(html_files) >= 384 + 2
    broken = [(page, target) for page in html_files for target in local_links(page) if not target.exists()]
    assert broken == []
    corpus = (out / "corpus.html").read_text(encoding="utf-8")
    assert 'href="entries/eu-annex-i/2B001.html"' in corpus
    entry = (out / "entries" / "eu-annex-i" / "2B001.html").read_text(encoding="utf-8")
    assert "Unidirectional positioning repeatability" in entry
    assert 'href="../../entries/eu-annex-i/2B201.html"' in entry
    members = (out / "members.html").read_text(encoding="utf-8")
    assert 'src="charts/members-upset.png"' in members and 'src="charts/members-timeline.png"' in members
    impact = (out / "impact.html").read_text(encoding="utf-8")
    assert "3A090.a" in impact and 'src="charts/impact-epoch-ml-hardware-scatter.png"' in impact
    assert (out / "charts" / "members-upset.png").read_bytes().startswith(b"\x89PNG")
    sheet = load_workbook(out / "downloads" / "corpus-entries.xlsx").active
    assert sheet.max_row == 384 + 1


def test_report_loads_each_edition_once(engine: sa.Engine, sources_dir: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every section and the entry pages share the context's editions: each is read from the database once."""
    build(engine, sources_dir, ["eu-annex-i", "members"])
    loads: list[tuple[str, str | None]] = []
    load_edition = corpus_store.load_edition

    def counting(engine: sa.Engine, list_id: str, date_prefix: str | None = None,
                 codes: Sequence[str] | None = None) -> EditionContent:
        loads.append((list_id, date_prefix))
        return load_edition(engine, list_id, date_prefix, codes)

    monkeypatch.setattr(corpus_store, "load_edition", counting)
    context = ReportContext(engine, tmp_path / "report", sources_dir)
    write_report(context)
    assert [list_id for list_id, _ in loads] == ["eu-annex-i"]
    newest = context.edition("eu-annex-i")
    assert context.edition("eu-annex-i", newest.edition.date.isoformat()) is newest
    assert context.newest_editions() == [newest] and len(loads) == 1
