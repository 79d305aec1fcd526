"""The static report renders from the real EU list and every local link resolves."""

from __future__ import annotations

import re
from pathlib import Path

import sqlalchemy as sa
from openpyxl import load_workbook

from interregime.ingest.build import build
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
