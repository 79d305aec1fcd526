"""Word tokens of control text, the editorial normalisation that decides whether two texts differ at
all, and word-level diffs rendered as ``[-old-]{+new+}`` or ``<del>``/``<ins>`` HTML."""

from __future__ import annotations

import difflib
import html
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

_TOKEN = re.compile(r"(\w+|[^\w\s])(\s*)")
_EDITORIAL = str.maketrans({
    "‘": '"', "’": '"', "“": '"', "”": '"', "'": '"', "×": "x", "–": "-", "—": "-", "‑": "-", "−": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})
_SPACE = re.compile(r"\s+")
_CLOSING_PUNCTUATION = re.compile(r"[.;,]+$")


def canonical(text: str) -> str:
    """Text with editorial variation removed: quote and dash styles, ``×``/``x``, case, all spacing
    (so ``24 245 kW`` equals ``24245 kW`` and ``inItem`` equals ``in Item``) and the full stop,
    semicolon or comma closing a list item."""
    folded = unicodedata.normalize("NFKC", text).translate(_EDITORIAL).lower()
    return _CLOSING_PUNCTUATION.sub("", _SPACE.sub("", folded))


def same_text(old: str, new: str) -> bool:
    return canonical(old) == canonical(new)


@dataclass(frozen=True, slots=True)
class Token:
    word: str
    space: str

    @property
    def key(self) -> str:
        return unicodedata.normalize("NFKC", self.word).translate(_EDITORIAL).lower()


def tokenize(text: str) -> list[Token]:
    return [Token(match.group(1), match.group(2)) for match in _TOKEN.finditer(text.strip())]


def word_keys(text: str) -> list[str]:
    return [token.key for token in tokenize(text)]


def word_count(keys: list[str]) -> int:
    """Tokens that are words or numbers, not punctuation."""
    return sum(1 for key in keys if key[:1].isalnum())


def similarity(old_keys: list[str], new_keys: list[str]) -> float:
    """Share of word tokens the two texts have in common, in order (difflib ratio)."""
    if not old_keys and not new_keys:
        return 1.0
    return difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False).ratio()


class SegmentKind(StrEnum):
    SAME = "same"
    DELETED = "deleted"
    INSERTED = "inserted"


@dataclass(frozen=True, slots=True)
class Segment:
    kind: SegmentKind
    text: str
    space: str = ""


def _segment(kind: SegmentKind, tokens: list[Token]) -> Segment:
    text = "".join(token.word + token.space for token in tokens)
    return Segment(kind, text.rstrip(), " " if text != text.rstrip() else "")


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The new text as runs of unchanged, deleted and inserted words."""
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    matcher = difflib.SequenceMatcher(
        None, [t.key for t in old_tokens], [t.key for t in new_tokens], autojunk=False
    )
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(_segment(SegmentKind.SAME, new_tokens[j1:j2]))
            continue
        if tag in ("delete", "replace"):
            segments.append(_segment(SegmentKind.DELETED, old_tokens[i1:i2]))
        if tag in ("insert", "replace"):
            segments.append(_segment(SegmentKind.INSERTED, new_tokens[j1:j2]))
    return tuple(segments)


def _render(segments: tuple[Segment, ...], wrap: dict[SegmentKind, tuple[str, str]], escape: bool) -> str:
    parts = []
    for segment in segments:
        opening, closing = wrap.get(segment.kind, ("", ""))
        text = html.escape(segment.text) if escape else segment.text
        parts.append(f"{opening}{text}{closing}{segment.space}")
    return "".join(parts).rstrip()


def render_text(segments: tuple[Segment, ...]) -> str:
    return _render(segments, {SegmentKind.DELETED: ("[-", "-]"), SegmentKind.INSERTED: ("{+", "+}")}, False)


def render_html(segments: tuple[Segment, ...]) -> str:
    return _render(segments, {SegmentKind.DELETED: ("<del>", "</del>"), SegmentKind.INSERTED: ("<ins>", "</ins>")},
                   True)
