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
_ENUMERATED = re.compile(r"(?:^|(?<=[.;:”\"] ))\(\d+\)\s+")  # not "Category IV(h)(17) are …"
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


_SENTENCE_END = re.compile(r"(?<=[a-z\d)”\"])\.\s+(?=[A-Z“\"(])")
_CODE_LIST = (r"(?:ECCNs?\s+|paragraphs?\s+)?\d[A-E]\d{3}[\w.]*(?:\s*\([^)]*\))?"
              r"(?:(?:\s*(?:,|\band\b|\bor\b|\bto\b))+\s*(?:ECCNs?\s+)?\d[A-E]\d{3}[\w.]*(?:\s*\([^)]*\))?)*")
# "… items controlled by 9A005 to 9A009", "… described in ECCN 1C011.a, 1C011.b, or 1C111": codes that say
# which goods a pointer is about. "are controlled by ECCN 9B116" is the pointer itself.
_QUALIFIER = re.compile(
    r"(?<!\bare )(?<!\bis )(?<!also )\b(?:controlled|specified|described|enumerated|identified|classified|listed|"
    r"covered|related to|incorporated in)\s+(?:by|in|under|to)?\s*(?:this\s+)?" + _CODE_LIST, re.IGNORECASE)
_SEE = re.compile(r"\bsee\b(?P<span>.*)$", re.IGNORECASE)
_CONTROLLED_BY = re.compile(r"\b(?:is|are)\s+(?:also\s+)?(?:controlled|covered|classified)\s+(?:by|under|in)\s+"
                            r"(?P<span>" + _CODE_LIST + ")", re.IGNORECASE)
_ITAR = re.compile(r"subject to the ITAR", re.IGNORECASE)
# "… and 4D001 as it applies to …", "… and 1E201 for "use" technology": a code that heads its own pointer.
_CODE_FOR = re.compile(r"\d[A-E]\d{3}[\w.]*(?:\s*\([^)]*\))?\s+(?:for|as it applies)\b", re.IGNORECASE)


def _sentences(clause: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(clause) if part.strip()]


def _codes_in(pattern: re.Pattern[str], text: str, group: str | int = 0) -> set[str]:
    return {code for match in pattern.finditer(text) for code in eccn_codes(match[group])}


def pointer_targets(sentence: str) -> tuple[list[str], list[str]]:
    """The ECCNs a Related Controls sentence points to, and those that only qualify the pointer.

    "For production equipment of … controlled by 9A005 to 9A009, 9A101 … see 9B115." points to 9B115;
    9A005 … only say which goods that equipment is for. Likewise "Production facilities for … described in
    ECCN 9A012 or 9A101 … are controlled by ECCN 9B116", and a sentence saying that software for the goods of
    9A005 … is "subject to the ITAR" points to the USML, not to those ECCNs. A sentence without a "see" or
    "are controlled by" pointer ("… identified in ECCN 1A004, 1A995, or 2B351 are not controlled by this
    ECCN") points to every ECCN it cites."""
    cited = eccn_codes(sentence)
    predicated = _codes_in(_CONTROLLED_BY, sentence, "span")
    qualified = _codes_in(_QUALIFIER, sentence) - predicated
    seen = _codes_in(_SEE, sentence, "span")
    if seen and seen <= qualified:  # "See also explosives … enumerated in ECCNs 1A006, 1A007 …"
        qualified -= seen
    if seen:
        qualified -= _codes_in(_CODE_FOR, sentence)
    targets = [code for code in cited if code in predicated or (code in seen and code not in qualified)]
    if targets:
        return targets, [code for code in cited if code not in targets]
    if _ITAR.search(sentence):
        return [], cited
    return cited, []


def related_controls(code: str, text: str) -> list[CrossReference]:
    """``(1) See ECCN 2B002 ... (4) Also see ECCNs 2B201 and 2B991`` → one reference per ECCN the text
    points to (other than the entry itself) and per USML category, each with its clause as text. ECCNs
    that only qualify a pointer (``pointer_targets``) are kept as plain references."""
    references: list[CrossReference] = []
    for clause in _clauses(text):
        for sentence in _sentences(clause):
            targets, qualifiers = pointer_targets(sentence)
            for kind, codes in ((XRefKind.RELATED_CONTROL, targets), (XRefKind.REFERENCE, qualifiers)):
                references.extend(CrossReference(code, target, kind, clause) for target in codes
                                  if entry_code(target) != code)
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
