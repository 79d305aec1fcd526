"""Words of a control-list text or a query as index terms: lower case, British spellings in their
American form, stop words dropped, and a light English stemmer so that "centrifuges" meets
"centrifuge" and "machining" meets "machined"."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")
_SYMBOLS = {"µ": "u", "μ": "u", "°": " deg ", "%": " percent ", "≥": " ", "≤": " ", "×": " x "}

STOP_WORDS = frozenset({
    "a", "an", "and", "any", "are", "as", "at", "be", "been", "being", "but", "by", "can", "could", "do",
    "does", "each", "either", "for", "from", "had", "has", "have", "having", "how", "i", "if", "in", "into",
    "is", "it", "its", "itself", "may", "me", "my", "no", "nor", "not", "of", "on", "one", "or", "other", "our",
    "over", "per", "shall", "should", "so", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "under", "up", "upon", "us", "use", "used", "using",
    "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "why", "will",
    "with", "within", "without", "would", "you", "your", "following", "specially", "designed", "modified",
    "therefor", "thereof", "described", "specified", "item", "items", "controlled", "need", "needs", "want",
    "wants", "licence", "license", "export", "exporting", "exported", "classify", "classification", "product",
    "products", "equipment", "system", "systems", "component", "components", "part", "parts", "company",
    "customer", "ship", "shipping", "sell", "selling",
})

# Words whose plain stemming would merge unrelated things or split equal ones.
_IRREGULAR = {
    "centre": "center", "centres": "center", "fibre": "fiber", "fibres": "fiber", "metre": "meter",
    "metres": "meter", "litre": "liter", "litres": "liter", "aluminium": "aluminum", "sulphur": "sulfur",
    "sulphide": "sulfide", "analyse": "analyz", "analyser": "analyz", "analysers": "analyz",
    "analyzer": "analyz", "analyzers": "analyz", "vapour": "vapor", "colour": "color", "modelling": "model",
    "data": "data", "gas": "gas", "gases": "gas", "lens": "lens", "lenses": "lens", "axis": "axis",
    "axes": "axis", "mass": "mass", "glass": "glass", "process": "process", "bus": "bus", "virus": "virus",
    "viruses": "virus", "series": "series", "species": "species", "radius": "radius", "apparatus": "apparatus",
    "status": "status", "plus": "plus", "focus": "focus", "nucleus": "nucleus", "uranium": "uranium",
    "thus": "thus", "various": "various", "aircraft": "aircraft", "spacecraft": "spacecraft",
}

_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("isations", "iz"), ("izations", "iz"), ("isation", "iz"), ("ization", "iz"), ("ational", "ate"),
    ("fulness", "ful"), ("ousness", "ous"), ("iveness", "ive"), ("ically", "ic"), ("ations", "ate"),
    ("ation", "ate"), ("ising", "iz"), ("izing", "iz"), ("ised", "iz"), ("ized", "iz"), ("ises", "iz"),
    ("izes", "iz"), ("ise", "iz"), ("ize", "iz"), ("ments", "ment"), ("nesses", ""), ("ness", ""),
    ("ities", "ity"), ("ingly", ""), ("edly", ""), ("ings", ""), ("ing", ""), ("ied", "y"), ("ies", "y"),
    ("ers", "er"), ("ors", "or"), ("ed", ""), ("ly", ""), ("es", "e"), ("s", ""),
)
_KEEP_S = ("ss", "us", "is", "ys")


def _fold(text: str) -> str:
    for symbol, replacement in _SYMBOLS.items():
        text = text.replace(symbol, replacement)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word[0].isdigit():
        return word
    for suffix, replacement in _SUFFIXES:
        if not word.endswith(suffix):
            continue
        if suffix == "s" and word.endswith(_KEEP_S):
            return word
        base = word[: -len(suffix)] + replacement
        if len(base) < 3:
            continue
        if suffix in ("ing", "ed", "ings") and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
            base = base[:-1]
        return base.rstrip("e") if len(base) > 4 else base
    return word.rstrip("e") if len(word) > 4 else word


def words(text: str) -> list[str]:
    """Lower-case words and numbers of ``text`` before stop-word removal and stemming."""
    return _WORD.findall(_fold(text))


def terms(text: str) -> list[str]:
    """Index terms of ``text``: stemmed words without stop words, numbers kept."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS]
