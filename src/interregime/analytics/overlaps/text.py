"""Item-line text for similarity: control codes stripped, cross-reference wording optionally removed,
then tokens (lower-cased, light plural stemming, stopwords dropped)."""

from __future__ import annotations

import re

from interregime.domain.corpus import Entry, Note, NoteKind

# Control codes in every numbering used by the corpus: EU/ECCN (2B001.a.1), Wassenaar native
# (2.B.1.a), munitions (ML10.e), MTCR/NSG item numbers (11.A.3, 5.D.2), 600-series (9A610.x).
_CODE = re.compile(
    r"\b(?:\d[A-E]\d{3}[a-z]?|\d{1,2}\.[A-E]\.\d{1,3}|ML\s?\d{1,2}|(?:Item|Category)\s+\d{1,2}(?:\.[A-E])?)"
    r"(?:\.[a-z0-9]{1,4})*\.?(?![\w])",
    re.IGNORECASE,
)
_ECCN_WORD = re.compile(r"\b(?:ECCNs?|entries|entry|sub-?items?|items?|paragraphs?|categor(?:y|ies))\s*(?=[,.;:)]|$)",
                        re.IGNORECASE)
_OTHER_THAN = re.compile(
    r"\b(?:other than|except(?: for)?|excluding|not (?:controlled|specified) (?:by|in))\s+"
    r"(?:that|those|items|goods|equipment|[\"“']?(?:software|technology)[\"”']?)?\s*(?:specified|controlled)?\s*"
    r"(?:in|by|under)?\s*(?:ECCNs?|entries|entry)?\s*"
    r"(?:(?:@@|the Military Goods Controls|the Munitions List)[\s,;.]*(?:and|or|to)?[\s,;.]*)+",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[a-z][a-z0-9\-]*[a-z0-9]|[a-z]")
_STOPWORD_TEXT = """a an and any are as at be been being by can for from has have having in into is it its of
    on or other
    than that the their them these this those through to under was were which with within not no all such
    following follows specified controlled does do n b e g i ie eg per each one two three more less
    equal greater see also note notes technical eccn eccns"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
SKIPPED_NOTES = frozenset({NoteKind.NB, NoteKind.RELATED, NoteKind.LICENCE, NoteKind.DEFINITION})


def strip_codes(text: str) -> str:
    return _CODE.sub(" ", text)


def strip_references(text: str) -> str:
    """Remove codes together with the words that introduce them ("other than those specified in …")."""
    marked = _CODE.sub("@@", text)
    marked = _OTHER_THAN.sub(" ", marked)
    marked = marked.replace("@@", " ")
    return _ECCN_WORD.sub(" ", marked)


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    return [_stem(word) for word in _TOKEN.findall(text.lower()) if word not in STOPWORDS and len(word) > 1]


def _note_text(note: Note, ignore_xrefs: bool) -> str:
    if note.kind in SKIPPED_NOTES:
        return ""
    return strip_references(note.text) if ignore_xrefs else strip_codes(note.text)


def entry_lines(entry: Entry, ignore_xrefs: bool) -> list[tuple[str, str]]:
    """(item code, cleaned text) per item (heading first) and per substantive note; empty ones dropped."""
    lines: list[tuple[str, str]] = []
    clean = strip_references if ignore_xrefs else strip_codes
    for item in entry.items:
        lines.append((item.code, clean(item.text)))
        lines.extend((item.code, _note_text(note, ignore_xrefs)) for note in item.notes)
    if not entry.items:
        lines.append((entry.code, clean(entry.heading)))
    cleaned = [(code, " ".join(text.split())) for code, text in lines]
    return [(code, text) for code, text in cleaned if tokens(text)]
