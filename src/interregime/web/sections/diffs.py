"""The diffs page: SCOMET's oldest edition against its newest, and Norway List II against EU Annex I,
with counts by kind and every change (word diffs as <del>/<ins>)."""

from __future__ import annotations

from interregime.analytics.diff import EditionDiff, diff_editions
from interregime.domain.codes import entry_code
from interregime.web.report_model import ReportContext, ReportPage, ReportTable, Row, entry_href

# (old list, new list): the oldest and newest edition of one list, or the newest of each of two lists.
STANDARD_DIFFS: tuple[tuple[str, str], ...] = (("in-scomet", "in-scomet"), ("no-list-ii", "eu-annex-i"))
COLUMNS = ["kind", "level", "old_code", "new_code", "label", "similarity", "parameter_changes", "word_diff"]


class WordDiff(str):
    """A word diff that reads as ``[-old-]{+new+}`` in downloads and renders as <del>/<ins> on the page."""

    html: str = ""

    def __new__(cls, text: str, html: str) -> WordDiff:
        made = super().__new__(cls, text)
        made.html = html
        return made

    def __html__(self) -> str:
        return self.html


def _standard_diffs(context: ReportContext) -> list[EditionDiff]:
    stored = set(context.list_ids())
    summaries = context.edition_summaries()
    diffs = []
    for old_list, new_list in STANDARD_DIFFS:
        if old_list not in stored or new_list not in stored:
            continue
        dates = sorted(s.date.isoformat() for s in summaries if s.list_id == old_list)
        if old_list == new_list and len(dates) < 2:
            continue
        old = context.edition(old_list, dates[0])
        new = context.edition(new_list)
        diffs.append(diff_editions(old, new))
    return diffs


def _rows(result: EditionDiff) -> list[Row]:
    rows: list[Row] = []
    for change in result.changes:
        record = change.as_record()
        record["word_diff"] = WordDiff(change.word_diff, change.word_diff_html) if change.segments else (
            change.new_text or change.old_text)
        rows.append(record)
    return rows


def _slug(result: EditionDiff) -> str:
    return f"{result.old.list_id}-{result.old.date.year}-{result.new.list_id}-{result.new.date.year}"


def section(context: ReportContext) -> ReportPage | None:
    diffs = _standard_diffs(context)
    if not diffs:
        return None
    counts = ReportTable(
        "counts", ["old", "new", "change", "count"],
        [{"old": d.old.key, "new": d.new.key, "change": name, "count": count}
         for d in diffs for name, count in [*d.counts().items(), ("editorial only (not listed)", d.editorial_only)]],
        caption="Changes by kind and level",
    )
    tables = [counts]
    for result in diffs:
        new_list = result.new.list_id

        def link(row: Row, new_list: str = new_list) -> str | None:
            code = str(row["new_code"])
            return entry_href(new_list, entry_code(code)) if code else None

        tables.append(ReportTable(
            _slug(result), COLUMNS, _rows(result), links={"new_code": link},
            caption=f"{result.old.key} → {result.new.key}",
        ))
    facts = [(f"{d.old.key} → {d.new.key}", f"{len(d.changes)} changes") for d in diffs]
    intro = ("Entries, items and notes added, removed, renumbered (found by their text when the code changed) and "
             "changed between editions; threshold changes are stated plainly. Differences of spacing, quotation "
             "marks or case alone are counted but not listed.")
    return ReportPage("diffs", "Edition diffs", intro, tables, facts=facts)
