"""The regimes' own item numbers of control entries, from the regime brackets of the UK control
list as structured by LITE's 2018 permissions finder (``[M11D1]``, ``[N5D2]``, ``[W6E3d]``...).

Native code convention (``NativeCode.code``):

- MTCR: the Annex item in MTCR notation, ``[M11D1]`` → ``11.D.1``, ``[M12A5b]`` → ``12.A.5.b``;
- NSG: the Part, then the item: Part 2 (dual-use) ``[N5D2]`` → ``P2:5.D.2``; Part 1 (trigger
  list) ``[TA1]`` → ``P1:A1`` (as LITE writes it, without its ``T``);
- Wassenaar: only where the bracket names an item, ``[W6E3d]`` → ``6.E.3.d``;
- CWC: ``[C1]`` → ``Schedule 1``.

Brackets without an item number (``[W]``, ``[WS&VS]`` sensitivity levels, ``[M*]`` "MTCR related",
``[A]``, ``[IV]`` EU Annex IV) give no native code. A trailing ``*`` (the entry only partly
corresponds) is kept in ``source`` as "(partial)". Each MTCR/NSG code is checked against LITE's own
regime-entry lists; unknown ones are kept and reported by ``context.warn``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from interregime.domain.corpus import NativeCode
from interregime.domain.regimes import Regime
from interregime.ingest.context import OfficialFile, SourceContext, SourceError

ENTRIES = "uk_lite/permissions_finder_2018/derived/uk_control_list_entries_2018.csv"
MTCR_LISTS = ("uk_lite/lite_api_regimes/MTCR_Cat_1_regimes.csv", "uk_lite/lite_api_regimes/MTCR_Cat_2_regimes.csv")
NSG_DUAL_USE = "uk_lite/lite_api_regimes/NSG_Dual_use.csv"
NSG_TRIGGER = "uk_lite/lite_api_regimes/NSG_Potential_trigger_list.csv"
FILES = {
    ENTRIES: "90cc476432cffc46b7d790de51faa1432059f21070b2276a0624f4bf2b86d6f1",
    MTCR_LISTS[0]: "cbeec9bdb59605f21fa10288ed970f69539ff18c863ffcfeff3c21afe75d43e2",
    MTCR_LISTS[1]: "9a23d6fc092e7307d698bb63b740bcd0f0a7f88b792e9160fb9844a0e7330a99",
    NSG_DUAL_USE: "7bf9220b8a6e6fb1c99d87be8912ab8e90edb18881f4005a5d9ead168a1aa149",
    NSG_TRIGGER: "e8c6e64f4ae12ac5b738c121b05293516b437d7413c8259125ec10412829f7a8",
}
_LITE_API = "https://raw.githubusercontent.com/uktrade/lite-api/d65f56acdcc0544cf624aa796d2f50f8587fb8cd"
_REGIMES_DIR = "api/staticdata/regimes/migrations/data"
OFFICIAL = [
    # The entries CSV is derived from the archived permissions-finder workbook (uk_lite/SOURCE.md) and has no
    # published address of its own; only LITE's regime lists can be fetched.
    *(
        OfficialFile(path, f"{_LITE_API}/{_REGIMES_DIR}/{path.rsplit('/', 1)[1]}", FILES[path])
        for path in (*MTCR_LISTS, NSG_DUAL_USE, NSG_TRIGGER)
    ),
]
# The date the permissions finder's workbook was committed.
DATE = dt.date(2018, 11, 2)

REQUIRED_COLUMNS = ("sheet", "row", "rating", "regime_raw")
BRACKET = re.compile(r"\[([^\]]*)\]")
ENTRY_OF_RATING = re.compile(r"^(?:\d[A-E]\d{3}|ML\d{1,2}(?!\d))")
ITEM = re.compile(r"^(?P<cat>\d{1,2})(?P<grp>[A-E])(?P<num>\d{1,2})(?P<rest>[a-z0-9]*)$")
TRIGGER = re.compile(r"^[A-Z]?\d+(?:\.\d+)*[a-z]?$")
WITHOUT_NUMBER = re.compile(r"^(?:W|WS|VS|WS&VS|A|IV|M|N|T|M-[a-z]|N-[a-z])$")
LABELS = re.compile(r"[a-z]+|\d+")
PARTIAL = " (partial)"
LAST_LABEL = re.compile(r"(?:[a-z]+|\d+)$")


def crawl(context: SourceContext) -> dict[str, list[NativeCode]]:
    """Native codes keyed by EU-style entry code (``6D102`` → MTCR 11.D.1 and 12.D.3)."""
    known = {
        Regime.MTCR: _regime_entries(context, MTCR_LISTS),
        Regime.NSG: _regime_entries(context, (NSG_DUAL_USE, NSG_TRIGGER)),
    }
    found: dict[str, list[NativeCode]] = {}
    for row in _rows(context):
        entry = ENTRY_OF_RATING.match(row["rating"].strip())
        regime_text = row["regime_raw"].strip()
        if not entry or not regime_text:
            continue
        place = f"{row['sheet']} row {row['row']}"
        for token in BRACKET.findall(regime_text):
            for native, lite_code in _native_codes(token.strip(), context, place):
                if lite_code and not _is_known(lite_code, known[native.regime]):
                    context.warn(ENTRIES, place, f"{lite_code} is not in LITE's {native.regime.value} list")
                _add(found.setdefault(entry.group(0), []), native)
    return found


def _add(codes: list[NativeCode], native: NativeCode) -> None:
    """One code per regime item and entry: the first row citing it, unless a later row cites it
    as a full (not partial) correspondence."""
    for index, present in enumerate(codes):
        if (present.regime, present.code) == (native.regime, native.code):
            if present.source.endswith(PARTIAL) and not native.source.endswith(PARTIAL):
                codes[index] = native
            return
    codes.append(native)


def _rows(context: SourceContext) -> list[dict[str, str]]:
    text = _decode(context.read(ENTRIES, FILES[ENTRIES]), ENTRIES)
    reader = csv.DictReader(io.StringIO(text))
    missing = [name for name in REQUIRED_COLUMNS if name not in (reader.fieldnames or [])]
    if missing:
        raise SourceError(ENTRIES, "line 1", f"missing column(s) {', '.join(missing)}")
    rows: list[dict[str, str]] = []
    for number, row in enumerate(reader, start=2):
        if None in row.values() or None in row:
            raise SourceError(ENTRIES, f"line {number}", "row does not have the header's number of fields")
        rows.append(row)
    return rows


def _regime_entries(context: SourceContext, paths: tuple[str, ...]) -> set[str]:
    names: set[str] = set()
    for path in paths:
        text = _decode(context.read(path, FILES[path]), path)
        for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            if len(row) < 2 or not row[0].strip() or row[1].strip() not in ("ACTIVE", "PARENT"):
                raise SourceError(path, f"line {number}", "expected name,status(ACTIVE|PARENT),level,country")
            names.add(row[0].strip())
    return names


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(path, f"byte {error.start}", "not UTF-8 text") from None


def _native_codes(token: str, context: SourceContext, place: str) -> list[tuple[NativeCode, str]]:
    """The native codes of one bracket, each with the LITE entry name to validate it by."""
    partial = "*" in token
    bare = token.replace("*", "").strip()
    if not bare or WITHOUT_NUMBER.match(bare) or bare.startswith(("WS", "VS")) or "?" in bare:
        return []
    source = f"{ENTRIES} {place}" + (PARTIAL if partial else "")
    prefix, body = bare[0], bare[1:]
    if prefix in "MNW" and body:
        items = _expand(body)
        if items is None:
            context.warn(ENTRIES, place, f"unrecognised regime bracket [{token}]")
            return []
        regime = {"M": Regime.MTCR, "N": Regime.NSG, "W": Regime.WA}[prefix]
        result: list[tuple[NativeCode, str]] = []
        for item in items:
            native = _dotted(item)
            code = f"P2:{native}" if regime is Regime.NSG else native
            result.append((NativeCode(regime, code, source, DATE), prefix + item if prefix != "W" else ""))
        return result
    if prefix == "T" and TRIGGER.match(body):
        return [(NativeCode(Regime.NSG, f"P1:{body}", source, DATE), bare)]
    if prefix == "C" and body in ("1", "2", "3"):
        return [(NativeCode(Regime.CWC, f"Schedule {body}", source, DATE), "")]
    context.warn(ENTRIES, place, f"unrecognised regime bracket [{token}]")
    return []


def _expand(body: str) -> list[str] | None:
    """``11A1/2`` → ``11A1``, ``11A2``; ``4C2e&f`` → ``4C2e``, ``4C2f``: a later part replaces the
    last label of the first."""
    parts = [part.strip() for part in re.split(r"[/&]", body)]
    first = ITEM.match(parts[0])
    if not first:
        return None
    items = [parts[0]]
    for part in parts[1:]:
        if not LABELS.fullmatch(part):
            return None
        items.append(LAST_LABEL.sub(part, parts[0]))
    return items


def _dotted(item: str) -> str:
    match = ITEM.match(item)
    assert match is not None
    labels = LABELS.findall(match["rest"])
    return ".".join([match["cat"], match["grp"], match["num"], *labels])


def _is_known(lite_code: str, names: set[str]) -> bool:
    """Known as written, as an item LITE lists sub-items of (``M12A5`` over ``M12A5a``), or under
    the nearest enclosing item LITE lists (``M12A5b`` under ``M12A5``)."""
    if any(name.startswith(lite_code) and _opens_label(lite_code, name) for name in names):
        return True
    code = lite_code
    while code:
        if code in names:
            return True
        trimmed = LAST_LABEL.sub("", code)
        if trimmed == code or not (ITEM.match(trimmed[1:]) or TRIGGER.match(trimmed[1:])):
            return False
        code = trimmed
    return False


def _opens_label(code: str, name: str) -> bool:
    """Whether ``name`` is ``code`` followed by a further label (``M3A1`` → ``M3A1a``, not ``M3A10``)."""
    rest = name[len(code) :]
    return bool(rest) and rest[0].isdigit() != code[-1].isdigit()
