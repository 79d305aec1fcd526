"""One parser per regime's Wikipedia article: the participants (with join years where the article gives
them), adherents and observers, read only from the article's membership section."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from interregime.domain.regimes import Membership, MembershipStatus, Regime, State
from interregime.ingest.context import SourceContext, SourceError
from interregime.ingest.country_names import EUROPEAN_UNION, state_for
from interregime.ingest.wiki_page import BULLET, FOOTNOTE, Line, Page, Paragraph, Section

# Every entry form the pages use: "India (2018)", "India, 2016", "Argentina(1994)", "Greece1984)",
# "Slovakia(1978*)", "Malta".
_ENTRY = re.compile(r"^(?P<name>[^\d()*,]+?)\s*(?:[,(]\s*)?(?:(?P<year>\d{4})(?P<mark>\*)?\s*\)?)?$")
_NAME = r"[^\d()*,]+"
AG_STYLE = re.compile(rf"^{_NAME} \(\d{{4}}\)$")
MTCR_STYLE = re.compile(rf"^{_NAME}(?:, \d{{4}})?$")
NSG_STYLE = re.compile(rf"^{_NAME}\(\d{{4}}\*?\)$")
WA_STYLE = re.compile(rf"^{_NAME}$")
FIRST_YEAR = 1945


@dataclass(frozen=True, slots=True)
class Entry:
    state: State
    year: int | None
    marked: bool
    line: int


def _entry(page: Page, line: Line, style: re.Pattern[str], context: SourceContext) -> Entry:
    body_match = BULLET.match(line.text)
    body = body_match["body"] if body_match else line.text.strip()
    match = _ENTRY.match(body)
    if match is None:
        raise SourceError(page.file, str(line.number), f"cannot read a country and year from {body!r}")
    name = match["name"].strip()
    year = int(match["year"]) if match["year"] else None
    if year is not None and not FIRST_YEAR <= year <= datetime.date.today().year:
        raise SourceError(page.file, str(line.number), f"implausible year {year} in {body!r}")
    if not style.match(body):
        context.warn(page.file, line.number, f"irregular entry {body!r} read as {name!r}, {year}")
    state = state_for(name)
    if state is None:
        raise SourceError(page.file, str(line.number), f"unknown country {name!r}")
    page.consume(line.number)
    return Entry(state, year, bool(match["mark"]), line.number)


def _entries(page: Page, lines: list[Line], style: re.Pattern[str], context: SourceContext) -> list[Entry]:
    entries = [_entry(page, line, style, context) for line in lines]
    seen: dict[str, int] = {}
    for entry in entries:
        if entry.state.code in seen:
            raise SourceError(
                page.file,
                str(entry.line),
                f"{entry.state.name} already listed on line {seen[entry.state.code]}",
            )
        seen[entry.state.code] = entry.line
    return entries


def _source(page: Page, section_path: str, line: int) -> str:
    return f"{PurePosixPath(page.file).name} § {section_path}, line {line}"


def _stated_count(page: Page, pattern: str, what: str) -> tuple[int, Paragraph]:
    for paragraph in page.paragraphs():
        match = re.search(pattern, paragraph.text)
        if match:
            page.consume(paragraph.first_line)
            return int(match[1]), paragraph
    raise SourceError(page.file, "", f"the article no longer states the number of {what} (truncated file?)")


def _check_count(page: Page, stated: tuple[int, Paragraph], found: int, what: str) -> None:
    count, paragraph = stated
    if count != found:
        raise SourceError(
            page.file, str(paragraph.first_line), f"the article states {count} {what} but lists {found}"
        )


def _block_after(page: Page, section: Section, intro: str, what: str) -> list[Line]:
    """The bullet list introduced by the paragraph matching ``intro``."""
    for paragraph, bullets in section.bullet_blocks():
        if paragraph is not None and re.search(intro, paragraph.text):
            page.consume(paragraph.first_line)
            return bullets
    raise SourceError(page.file, str(section.heading_line), f"no list of {what} in section {section.title!r}")


def _membership(
    page: Page,
    regime: Regime,
    entry: Entry,
    path: str,
    status: MembershipStatus = MembershipStatus.PARTICIPANT,
) -> Membership:
    return Membership(entry.state, regime, status, entry.year, source=_source(page, path, entry.line))


def parse_australia_group(page: Page, context: SourceContext) -> list[Membership]:
    stated = _stated_count(page, r"now has (\d+) members", "members")
    members = page.section("Members", 2)
    states = _entries(page, _bullet_lines(members.subsection("Sovereign states", page)), AG_STYLE, context)
    organisations = _entries(
        page, _bullet_lines(members.subsection("International organisations", page)), AG_STYLE, context
    )
    adherents = _entries(page, _bullet_lines(members.subsection("Adherents", page)), AG_STYLE, context)
    _check_count(page, stated, len(states) + len(organisations), "members")
    for entry in organisations:
        if entry.state != EUROPEAN_UNION:
            raise SourceError(page.file, str(entry.line), f"unexpected organisation {entry.state.name!r}")
    result = [_membership(page, Regime.AG, e, "Members / Sovereign states") for e in states]
    result += [
        Membership(
            e.state,
            Regime.AG,
            MembershipStatus.PARTICIPANT,
            e.year,
            source=_source(page, "Members / International organisations", e.line),
            note="represented by the European Commission",
        )
        for e in organisations
    ]
    result += [
        _membership(page, Regime.AG, e, "Members / Adherents", MembershipStatus.ADHERENT) for e in adherents
    ]
    page.report_leftovers(members, context)
    return result


def parse_mtcr(page: Page, context: SourceContext) -> list[Membership]:
    members = page.section("Members", 2)
    stated = _stated_count(page, r"The MTCR has (\d+) members", "members")
    partners = _entries(
        page, _block_after(page, members, r"has \d+ members", "partners"), MTCR_STYLE, context
    )
    adherents = _entries(page, _block_after(page, members, r"adhere", "adherents"), MTCR_STYLE, context)
    _check_count(page, stated, len(partners), "members")
    result = [_membership(page, Regime.MTCR, e, "Members") for e in partners]
    result += [
        _membership(page, Regime.MTCR, e, "Members / adherents", MembershipStatus.ADHERENT) for e in adherents
    ]
    page.report_leftovers(members, context)
    return result


def parse_nsg(page: Page, context: SourceContext) -> list[Membership]:
    section = page.section("Participating governments", 2)
    stated = _stated_count(page, r"The (\d+) participating governments", "participating governments")
    bullets = _block_after(page, section, r"participating governments and their accession", "participants")
    entries = _entries(page, bullets, NSG_STYLE, context)
    _check_count(page, stated, len(entries), "participating governments")
    footnote = _footnote(page, section) if any(e.marked for e in entries) else None
    result: list[Membership] = []
    for entry in entries:
        membership = _membership(page, Regime.NSG, entry, section.title)
        if entry.marked and footnote is not None:
            year, text = footnote
            note = f"the listed {entry.year} is the predecessor's accession; footnote: {text}"
            membership = replace(membership, joined=year, note=note)
        result.append(membership)
    result += _nsg_observers(page, section)
    page.report_leftovers(section, context)
    return result


def _footnote(page: Page, section: Section) -> tuple[int, str]:
    for line in section.lines:
        match = FOOTNOTE.match(line.text)
        year = re.search(r"participation date\b.*?\b(\d{4})\b", line.text)
        if match and year:
            page.consume(line.number)
            return int(year[1]), match["body"]
    raise SourceError(
        page.file, str(section.heading_line), "entries marked * but no footnote giving their date"
    )


def _nsg_observers(page: Page, section: Section) -> list[Membership]:
    for paragraph in section.paragraphs():
        if re.search(r"European Commission\b[^.]*\bparticipate as observers", paragraph.text):
            page.consume(paragraph.first_line)
            source = _source(page, section.title, paragraph.first_line)
            return [
                Membership(
                    EUROPEAN_UNION,
                    Regime.NSG,
                    MembershipStatus.OBSERVER,
                    source=source,
                    note="represented by the European Commission",
                )
            ]
    return []


_JOINED_AS = re.compile(
    r"(?P<name>[A-Z][A-Za-z ]+?) joined as the \d+(?:st|nd|rd|th) participating state on \d{1,2} [A-Z][a-z]+ "
    r"(?P<year>\d{4})"
)


def parse_wassenaar(page: Page, context: SourceContext) -> list[Membership]:
    """The list gives no join years; a year is kept only where the article's prose states one for a state."""
    section = page.section("Membership", 2)
    stated = _stated_count(page, r"The (\d+) states that have been participating", "participating states")
    entries = _entries(
        page,
        _block_after(page, section, r"states that have been participating", "participants"),
        WA_STYLE,
        context,
    )
    _check_count(page, stated, len(entries), "participating states")
    stated_years: dict[str, tuple[int, Paragraph]] = {}
    for paragraph in page.paragraphs():
        for match in _JOINED_AS.finditer(paragraph.text):
            state = state_for(match["name"])
            if state is not None:
                stated_years[state.code] = (int(match["year"]), paragraph)
    result: list[Membership] = []
    for entry in entries:
        membership = _membership(page, Regime.WA, entry, section.title)
        if entry.state.code in stated_years:
            year, paragraph = stated_years[entry.state.code]
            note = f"join year from the article text, line {paragraph.first_line}"
            membership = replace(membership, joined=year, note=note)
        result.append(membership)
    page.report_leftovers(section, context)
    return result


def _bullet_lines(section: Section) -> list[Line]:
    return [line for line in section.lines if BULLET.match(line.text)]
