"""What `show` prints: an entry or one of its items, with notes, definitions and cross-references."""

from __future__ import annotations

from typing import Any

from interregime.domain.codes import code_variants, entry_code
from interregime.domain.corpus import EditionContent, Entry, Item


def candidate_entry_codes(code: str) -> list[str]:
    return sorted({entry_code(form) for form in code_variants(code)})


def find_item(entry: Entry, code: str) -> Item | None:
    variants = code_variants(code)
    for item in entry.items:
        if item.code in variants:
            return item
    if entry.code in variants or entry.eu_code in variants:
        return entry.items[0] if entry.items else None
    return None


def _item_record(item: Item, parameters: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {
        "code": item.code,
        "parent": item.parent,
        "depth": item.depth,
        "text": item.text,
        "native_code": item.native_code,
        "defined_terms": item.defined_terms,
        "notes": [{"kind": n.kind.value, "label": n.label, "text": n.text} for n in item.notes],
        "parameters": parameters.get(item.code, []),
    }


def _ancestors(entry: Entry, item: Item) -> list[Item]:
    chain: list[Item] = []
    parent = item.parent
    while parent:
        found = entry.item(parent)
        if found is None:
            break
        chain.insert(0, found)
        parent = found.parent
    return chain


def entry_view(content: EditionContent, entry: Entry, item: Item,
               parameters: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """``parameters``: the stored thresholds of the entry's items, by item code."""
    parameters = parameters or {}
    subtree = entry.subtree(item.code) if item.depth else list(entry.items)
    ancestors = _ancestors(entry, item)
    shown = {i.code for i in [*ancestors, *subtree]}
    terms = {t.strip('"').lower() for i in subtree for t in i.defined_terms}
    definitions = [
        {"term": d.term, "text": d.text, "scope": d.scope}
        for d in content.definitions
        if d.term.strip('"').lower() in terms
    ]
    xrefs = [
        {"from": x.from_code, "to": x.to_code, "to_list": x.to_list or content.control_list.id,
         "kind": x.kind.value, "text": x.text}
        for x in content.cross_references
        if x.from_code in shown
    ]
    return {
        "list": content.control_list.id,
        "edition": content.edition.date.isoformat(),
        "entry": entry.code,
        "eu_code": entry.eu_code,
        "code": item.code,
        "text": item.text,
        "heading": entry.heading,
        "category": entry.category,
        "regime": entry.regime.value if entry.regime else None,
        "reasons": entry.reasons,
        "flags": entry.flags,
        "native_codes": [
            {"regime": n.regime.value, "code": n.code, "source": n.source,
             "date": n.date.isoformat() if n.date else None}
            for n in entry.native_codes
        ],
        "ancestors": [_item_record(i, parameters) for i in ancestors],
        "items": [_item_record(i, parameters) for i in subtree],
        "children": [i.code for i in entry.children(item.code)],
        "definitions": definitions,
        "cross_references": xrefs,
        "source": {"file": content.edition.source_file, "sha256": content.edition.sha256,
                   "url": content.edition.source_url},
    }
