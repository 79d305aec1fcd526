"""Writes the static HTML report: an index, one page per analysis, one page per entry, downloads."""

from __future__ import annotations

import csv
import datetime as dt
import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from openpyxl import Workbook

from interregime.web.report_model import ReportContext, ReportPage, ReportTable, Section, entry_href

# Sections in the order of the navigation; a module may be absent while its analysis is not built yet.
SECTION_MODULES: Sequence[str] = (
    "interregime.web.sections.corpus",
    "interregime.web.sections.members",
    "interregime.web.sections.overlaps",
    "interregime.web.sections.concordance",
    "interregime.web.sections.diffs",
    "interregime.web.sections.impact",
    "interregime.web.sections.workspace",
)


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("interregime.web", "templates"),
        autoescape=select_autoescape(["html", "jinja"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def available_sections() -> list[Section]:
    sections: list[Section] = []
    for name in SECTION_MODULES:
        if importlib.util.find_spec(name) is not None:
            sections.append(importlib.import_module(name).section)
    return sections


def _cells(table: ReportTable) -> list[list[dict[str, Any]]]:
    rows = []
    for row in table.rows:
        cells = []
        for column in table.columns:
            value = row.get(column)
            text: Any = "" if value is None else ("; ".join(map(str, value)) if isinstance(value, list)
                                                  else str(value))
            if hasattr(value, "__html__"):
                text = value
            link = table.links.get(column)
            cells.append({"text": text, "href": link(row) if link else None})
        rows.append(cells)
    return rows


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, int | float | str):
        return value
    if isinstance(value, list | tuple):
        return "; ".join(map(str, value))
    return str(value)


def _write_downloads(out: Path, page: ReportPage) -> None:
    folder = out / "downloads"
    folder.mkdir(parents=True, exist_ok=True)
    for table in page.tables:
        base = folder / f"{page.slug}-{table.name}"
        with base.with_suffix(".csv").open("w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow(table.columns)
            writer.writerows([[_plain(row.get(c)) for c in table.columns] for row in table.rows])
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = table.name[:31]
        sheet.append(list(table.columns))
        for row in table.rows:
            sheet.append([_plain(row.get(c)) for c in table.columns])
        workbook.save(base.with_suffix(".xlsx"))


def _write_entry_pages(context: ReportContext, env: Environment, nav: list[ReportPage]) -> int:
    template = env.get_template("entry.html.jinja")
    written = 0
    known: dict[tuple[str, str], str] = {}
    contents = context.newest_editions()
    for content in contents:
        for entry in content.entries:
            known[(content.control_list.id, entry.code)] = entry_href(content.control_list.id, entry.code)
    for content in contents:
        list_id = content.control_list.id
        by_entry: dict[str, list[dict[str, Any]]] = {}
        for x in content.cross_references:
            target_list = x.to_list or list_id
            target = known.get((target_list, x.to_code.split(".")[0]))
            record = {"kind": x.kind.value, "from_code": x.from_code, "to_code": x.to_code,
                      "to_list": target_list, "href": target}
            by_entry.setdefault(x.from_code.split(".")[0], []).append(record)
        for entry in content.entries:
            path = context.out_dir / entry_href(list_id, entry.code)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(template.render(
                root="../../", nav=nav, title=f"{list_id} {entry.code}", list_id=list_id, entry=entry,
                edition=content.edition.date.isoformat(), xrefs=by_entry.get(entry.code, []),
            ), encoding="utf-8")
            written += 1
    return written


def write_report(context: ReportContext, sections: Sequence[Section] | None = None,
                 progress: Callable[[str], None] | None = None) -> list[Path]:
    """Write the report under ``context.out_dir``; returns the pages written (index first)."""
    context.out_dir.mkdir(parents=True, exist_ok=True)
    env = _environment()
    pages: list[ReportPage] = []
    for section in sections if sections is not None else available_sections():
        if progress:
            progress(f"report: {getattr(section, '__module__', 'section')}")
        page = section(context)
        if page is not None:
            pages.append(page)
    written = [context.out_dir / "index.html"]
    written[0].write_text(env.get_template("index.html.jinja").render(
        root="", nav=pages, title="Report", built=dt.datetime.now().strftime("%Y-%m-%d %H:%M")), encoding="utf-8")
    template = env.get_template("page.html.jinja")
    for page in pages:
        tables = [{"name": t.name, "caption": t.caption, "columns": t.columns, "rows": _cells(t)} for t in page.tables]
        path = context.out_dir / f"{page.slug}.html"
        path.write_text(template.render(root="", nav=pages, title=page.title, page=page, tables=tables),
                        encoding="utf-8")
        _write_downloads(context.out_dir, page)
        written.append(path)
    if progress:
        progress("report: entry pages")
    _write_entry_pages(context, env, pages)
    return written
