"""National entries that carry an EU code for other goods than the EU's entry of that code.

A list that copies the EU numbering lags behind it: the CCL's 9A120 (complete UAVs with aerosol
dispensing systems, MTCR 19.A.3) is the EU's 9A112.b, while the EU's own 9A120 now holds liquid
propellant tanks. Such an entry keeps its code but implements the EU entry of its regime and product
group whose text it repeats, which only the text can tell."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from interregime.analytics.overlaps.text import entry_lines, strip_references, tokens
from interregime.analytics.overlaps.vectors import tfidf
from interregime.domain.corpus import Entry

EU_LIST = "eu-annex-i"
# Lists that number their entries with EU codes of their own time, so a code may since hold other goods.
EU_NUMBERED = ("us-ccl", "no-list-ii")
# Below this cosine, with headings sharing less than this share of words, the EU entry of the same code
# holds other goods …
SAME_CODE_FLOOR = 0.2
SAME_HEADING_SHARE = 0.5
# … and an EU entry of the same regime and product group repeating the national text this closely holds them.
RENUMBERED_COSINE = 0.5


def _document(entry: Entry) -> list[str]:
    return [word for _, text in entry_lines(entry, ignore_xrefs=True) for word in tokens(text)]


def _heading_share(first: Entry, second: Entry) -> float:
    """Share of the shorter heading's words that the other heading uses too."""
    a, b = set(tokens(strip_references(first.heading))), set(tokens(strip_references(second.heading)))
    return len(a & b) / max(1, min(len(a), len(b)))


def renumbered(entries: Iterable[Entry], eu_entries: Mapping[str, Entry]) -> dict[str, str]:
    """National entry code → the EU code of the entry it implements, for entries whose own EU code names
    an EU entry of other goods (``SAME_CODE_FLOOR``, ``SAME_HEADING_SHARE``) while another EU entry of
    the same regime and product group matches their text (``RENUMBERED_COSINE``)."""
    # The heading test is cheap: only the few entries it leaves are compared by text, against the EU
    # entries of their regimes and product groups.
    candidates = [entry for entry in entries if entry.eu_code in eu_entries
                  and eu_entries[entry.eu_code].regime is not None
                  and _heading_share(entry, eu_entries[entry.eu_code]) < SAME_HEADING_SHARE]
    if not candidates:
        return {}
    groups = {(eu_entries[entry.eu_code].regime, entry.eu_code[:2]) for entry in candidates}
    references = [entry for entry in eu_entries.values() if (entry.regime, entry.code[:2]) in groups]
    position = {entry.code: row for row, entry in enumerate(references)}
    vectors = tfidf([*map(_document, references), *map(_document, candidates)], bigrams=False).matrix
    split = len(references)
    cosines = np.asarray((vectors[split:] @ vectors[:split].T).todense())
    codes = np.asarray([entry.code for entry in references], dtype=str)
    regimes = np.asarray([entry.regime.value if entry.regime else "" for entry in references], dtype=object)
    found: dict[str, str] = {}
    for row, entry in enumerate(candidates):
        own = eu_entries[entry.eu_code]
        assert own.regime is not None
        if cosines[row, position[own.code]] >= SAME_CODE_FLOOR:
            continue
        allowed = (regimes == own.regime.value) & np.char.startswith(codes, own.code[:2])
        scores = np.where(allowed, cosines[row], -1.0)
        best = int(np.argmax(scores))
        if scores[best] >= RENUMBERED_COSINE and codes[best] != own.code:
            found[entry.code] = str(codes[best])
    return found
