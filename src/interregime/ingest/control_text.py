"""Reading the prose of control lists, whatever the source: note labels, decontrol notes,
"double-quoted" defined terms and references to other entries.

Code patterns are parameters so that the same helpers serve EU-style lists (``2B001.b.2``),
the Wassenaar native numbering (``2.B.1.b.2``) and the munitions list (``ML10.e``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interregime.domain.corpus import Entry, Item, Note, NoteKind, XRefKind

EU_CODE = r"\d[A-E]\d{3}(?:\.[a-z0-9]{1,3})*"
WASSENAAR_CODE = r"\d\.[A-E]\.\d{1,3}(?:\.[a-z0-9]{1,3})*"
MUNITIONS_CODE = r"ML\d{1,2}(?:\.[a-z0-9]{1,3})*"

_QUOTED = re.compile(r'(?<!\w)"([^"\n]{1,120}?)"|“([^”\n]{1,120}?)”')

_NOTE_HEAD = re.compile(
    r"^(?P<label>(?P<technical>Technical\s+)?Notes?(?:\s+\d{1,2}(?![\w.]))?|N\.\s?B\.(?:\s?\d{1,2}\.?)?)"
    r"(?:\s*:\s*|\s+|$)"
)
_DECONTROL = re.compile(
    r"\b(?:does|do|shall) not (?:control|apply)\b|\b(?:is|are) not (?:controlled|subject to control)\b"
    r"|\bnot controlled by\b",
    re.IGNORECASE,
)

_SEE = re.compile(r"\bsee(?:\s+also)?\b", re.IGNORECASE)
_OTHER_THAN = re.compile(
    r"\b(?:other than|except|not (?:specified|controlled|described) (?:in|by))\b", re.IGNORECASE
)
# What may stand between a trigger ("see also", "other than") and the first code it governs.
_SEE_GAP = re.compile(r"^[^.;:]{0,60}$")
_OTHER_THAN_GAP = re.compile(r"^[^.;:]{0,40}$")
# What may stand between two codes of one list: "1C010 AND 1C210", "5A002.a.1. or 5A002.a.2.", "9E001 to 9E003".
_LIST_GAP = re.compile(r"^[\s.,]*(?:(?:and|or|to|nor|&)\s+)?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[;]\s+|[.:]\s+(?=[A-Z\"'“(])")


@dataclass(frozen=True, slots=True)
class NoteHead:
    """A note as labelled in the text: ``Note 1: 2B001 does not control...`` → NOTE/DECONTROL, ``Note 1``."""

    kind: NoteKind
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class CodeMention:
    """A code cited in a text, how it is cited, and where."""

    code: str
    kind: XRefKind
    start: int
    end: int


def quoted_terms(text: str) -> list[str]:
    """The "double-quoted" (straight or curly) terms of ``text`` in order, each once (case-insensitively)."""
    terms: list[str] = []
    seen: set[str] = set()
    for match in _QUOTED.finditer(text):
        term = " ".join((match.group(1) or match.group(2)).split())
        key = term.casefold()
        if term and any(char.isalpha() for char in term) and key not in seen:
            seen.add(key)
            terms.append(term)
    return terms


def is_decontrol(text: str) -> bool:
    """Whether a note releases items from control ("does not control", "does not apply to"...)."""
    return _DECONTROL.search(text) is not None


def parse_note(text: str) -> NoteHead | None:
    """The note that ``text`` opens (``Note:``, ``Notes:``, ``Note 2:``, ``Technical Notes:``,
    ``Technical Note 1:``, ``N.B.``, ``N.B.2.``), or None when the text is not a note."""
    match = _NOTE_HEAD.match(text)
    if not match:
        return None
    label = " ".join(match["label"].split())
    if label.startswith("N."):
        label = label.replace("N. B.", "N.B.")
        if label != "N.B.":
            label = label.rstrip(".")
        kind = NoteKind.NB
    elif match["technical"]:
        kind = NoteKind.TECHNICAL_NOTE
    else:
        kind = NoteKind.NOTE
    body = text[match.end() :].strip()
    if kind is NoteKind.NOTE and is_decontrol(body):
        kind = NoteKind.DECONTROL
    return NoteHead(kind, label, body)


def normalise_code(code: str) -> str:
    """A cited code without the trailing full stop of the citation: ``2B001.a.`` → ``2B001.a``."""
    return code.strip().rstrip(".")


def code_mentions(text: str, code_pattern: str = EU_CODE) -> list[CodeMention]:
    """Every code cited in ``text``: SEE_ALSO after "see"/"see also", OTHER_THAN after "other than",
    "except" or "not specified in", REFERENCE otherwise. A trigger governs the list of codes that
    follows it ("SEE ALSO 1A202, 9A010 and 9A110")."""
    pattern = re.compile(rf"(?<![\w.]){code_pattern}(?!\d)")
    spans = [(match.start(), match.end()) for match in pattern.finditer(text)]
    kinds: dict[int, XRefKind] = {}
    triggers = ((_SEE, XRefKind.SEE_ALSO, _SEE_GAP), (_OTHER_THAN, XRefKind.OTHER_THAN, _OTHER_THAN_GAP))
    for trigger, kind, gap in triggers:
        for found in trigger.finditer(text):
            _mark_list(text, spans, found.end(), gap, kind, kinds)
    return [
        CodeMention(normalise_code(text[start:end]), kinds.get(position, XRefKind.REFERENCE), start, end)
        for position, (start, end) in enumerate(spans)
    ]


def _mark_list(
    text: str, spans: list[tuple[int, int]], after: int, first_gap: re.Pattern[str], kind: XRefKind,
    kinds: dict[int, XRefKind],
) -> None:
    cursor = after
    gap = first_gap
    for position, (start, end) in enumerate(spans):
        if start < cursor:
            continue
        if not gap.match(text[cursor:start]):
            return
        kinds.setdefault(position, kind)
        cursor, gap = end, _LIST_GAP


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or ``;``-separated clause) of ``text`` that holds ``text[start:end]``."""
    begin = 0
    for boundary in _SENTENCE_END.finditer(text, 0, start):
        begin = boundary.end()
    stop = len(text)
    after = _SENTENCE_END.search(text, end)
    if after:
        stop = after.start() + 1
    return text[begin:stop].strip()


def term_as_used(term: str) -> str:
    """A defined term as it reads mid-sentence: the capital that only opens the definition is dropped
    (``Numerical control`` → ``numerical control``) but names and acronyms are kept (``APP``,
    ``Adjusted Peak Performance``, ``Allocated by the ITU``)."""
    words = term.split()
    if not words:
        return term
    first, rest = words[0], words[1:]
    opens_sentence = first[:1].isupper() and not any(char.isupper() for char in first[1:])
    if opens_sentence and not any(word[:1].isupper() for word in rest):
        return first[:1].lower() + term[1:]
    return term


class TermIndex:
    """Resolves a quoted term to the defined term it uses, ignoring case, hyphens and singular/plural
    (``"Digital computers"`` → ``digital computer``, ``"missile"`` → ``missiles``); a qualified
    definition (``bias (gyro)``) resolves to its bare term (``bias``)."""

    def __init__(self, terms: list[str]) -> None:
        self._terms: dict[str, str] = {}
        for term in terms:
            base = term.split(" (", 1)[0]
            self._terms.setdefault(_term_key(base), base)

    def resolve(self, term: str) -> str | None:
        key = _term_key(term)
        candidates = [key, key.removesuffix("s"), key.removesuffix("es"), key + "s", key + "es"]
        if key.endswith("ies"):
            candidates.append(key[:-3] + "y")
        for candidate in candidates:
            if candidate in self._terms:
                return self._terms[candidate]
        return None

    def canonical(self, terms: list[str]) -> list[str]:
        """``terms`` under their defined spelling where one resolves, each once, in order."""
        result: list[str] = []
        for term in terms:
            resolved = self.resolve(term) or term
            if resolved not in result:
                result.append(resolved)
        return result


def _term_key(term: str) -> str:
    return " ".join(term.replace("-", " ").split()).casefold()


# What may open a note before its subject, and stand between the codes of the subject: "For the purposes
# of ML10.a., ML10.d. and ML10.j., ...", "3.A.1.b.3.a. to 3.A.1.b.3.e. ...". A note of numbered points
# ("1. For the purposes of 3.A.1.b.9.a., ...  2. ...") has no single subject and stays where it is.
_SUBJECT_LEAD = re.compile(r"^(?:For the purposes of\s+)?")
_SUBJECT_BETWEEN = re.compile(r"\.?(?:,\s*|\s+(?:and|or|to)\s+)")
_SUBJECT_CODE = re.compile(rf"(?:{WASSENAAR_CODE}|{MUNITIONS_CODE}|{EU_CODE})(?!\d)")


def subject_codes(text: str) -> list[str]:
    """The codes a note opens with, in order: ``["ML10.a", "ML10.d", "ML10.j"]`` for "For the purposes
    of ML10.a., ML10.d. and ML10.j., ...", ``["1.A.2.b.1"]`` for "1.A.2.b.1. does not apply to ..."."""
    lead = _SUBJECT_LEAD.match(text)
    position = lead.end() if lead else 0
    codes: list[str] = []
    while match := _SUBJECT_CODE.match(text, position):
        codes.append(match.group().rstrip("."))
        between = _SUBJECT_BETWEEN.match(text, match.end())
        if between is None:
            break
        position = between.end()
    return codes


def common_code(codes: list[str]) -> str:
    """The longest code of which all ``codes`` are the code or a sub-item: ``ML10`` for ML10.a and ML10.j."""
    common: list[str] = []
    for labels in zip(*(code.split(".") for code in codes), strict=False):
        if len(set(labels)) != 1:
            break
        common.append(labels[0])
    return ".".join(common)


def reattach_notes(entry: Entry) -> int:
    """Move every note whose opening codes all name items of ``entry`` to the item they have in common,
    when that is not the item it was printed under ("2.B.1.a. does not apply to …" printed after
    2.B.1.a.2; "For the purposes of ML10.a., ML10.d. and ML10.j." after ML10.j.3); returns how many moved."""
    moves: list[tuple[Note, Item, Item]] = []
    for item in entry.items:
        for note in item.notes:
            codes = subject_codes(note.text)
            if not codes or not all(entry.item(code) is not None for code in codes):
                continue
            subject = entry.item(common_code(codes))
            if subject is not None and subject is not item:
                moves.append((note, item, subject))
    for note, owner, destination in moves:
        owner.notes.remove(note)
        destination.notes.append(note)
    return len(moves)
