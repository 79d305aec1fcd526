"""Cross-references of CCL entries (Related Controls, ECCNs cited in items and notes) and the
"double-quoted" defined terms an item uses."""

from __future__ import annotations

import re

from interregime.domain.codes import entry_code
from interregime.domain.corpus import CrossReference, Entry, NoteKind, XRefKind

ECCN_REFERENCE = re.compile(r"(?<![\w.])(?P<code>\d[A-E]\d{3}(?:\.(?:[a-z]{1,2}|\d{1,2})(?![\w]))*)")
_USML = re.compile(r"USML|U\.\s?S\.\s?Munitions\s+List|22 CFR (?:part )?121|ITAR", re.IGNORECASE)
_USML_CATEGORIES = re.compile(
    r"Categor(?:y|ies)\s+(?P<list>[IVXL]+(?:(?:\s*,\s*|\s+and\s+|\s+or\s+|,\s+and\s+|,\s+or\s+)[IVXL]+)*)\b"
)
_ENUMERATED = re.compile(r"\(\d+\)\s+")
_QUOTED = re.compile(r"[“\"]([^“”\"]{2,80}?)[”\"]")
_NOT_A_TERM = re.compile(r"^[\s\d.,;:()-]*$")
_TERM_NOTES = (NoteKind.NOTE, NoteKind.TECHNICAL_NOTE, NoteKind.NB, NoteKind.DECONTROL, NoteKind.DEFINITION)


def defined_terms(text: str) -> list[str]:
    terms: list[str] = []
    for match in _QUOTED.finditer(text):
        term = match.group(1).strip().rstrip(",.;:").strip()
        if term and not _NOT_A_TERM.match(term) and term not in terms:
            terms.append(term)
    return terms


def eccn_codes(text: str) -> list[str]:
    codes: list[str] = []
    for match in ECCN_REFERENCE.finditer(text):
        code = match["code"].rstrip(".")
        if code not in codes:
            codes.append(code)
    return codes


def _clauses(text: str) -> list[str]:
    parts = [part.strip() for part in _ENUMERATED.split(text) if part.strip()]
    return parts or [text]


def related_controls(code: str, text: str) -> list[CrossReference]:
    """``(1) See ECCN 2B002 ... (4) Also see ECCNs 2B201 and 2B991`` → one reference per cited ECCN
    (other than the entry itself) and per USML category, each with its clause as text."""
    references: list[CrossReference] = []
    for clause in _clauses(text):
        for target in eccn_codes(clause):
            if entry_code(target) != code:
                references.append(CrossReference(code, target, XRefKind.RELATED_CONTROL, clause))
        if _USML.search(clause):
            for match in _USML_CATEGORIES.finditer(clause):
                for numeral in re.findall(r"[IVXL]+", match["list"]):
                    references.append(CrossReference(code, numeral, XRefKind.RELATED_CONTROL, clause, "usml"))
    return _unique(references)


def item_references(entry: Entry) -> list[CrossReference]:
    """ECCNs of other entries cited in the items and notes of ``entry``."""
    references: list[CrossReference] = []
    for item in entry.items:
        texts = [item.text] if item.depth > 0 else []
        texts += [note.text for note in item.notes if note.kind in _TERM_NOTES]
        for text in texts:
            for target in eccn_codes(text):
                if entry_code(target) != entry.code:
                    references.append(CrossReference(item.code, target, XRefKind.REFERENCE, _sentence(text, target)))
    return _unique(references)


def _sentence(text: str, code: str) -> str:
    at = text.find(code)
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
    end_candidates = [i for i in (text.find(". ", at), text.find("\n", at)) if i >= 0]
    end = min(end_candidates) + 1 if end_candidates else len(text)
    return text[start:end].strip()


def _unique(references: list[CrossReference]) -> list[CrossReference]:
    seen: set[tuple[str, str, str, str]] = set()
    result: list[CrossReference] = []
    for reference in references:
        key = (reference.from_code, reference.to_code, reference.kind.value, reference.to_list)
        if key not in seen:
            seen.add(key)
            result.append(reference)
    return result
