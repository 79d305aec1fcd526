"""The query path's shortcuts give what the plain computations give: term presence read from the BM25
postings, members and regime of a group worked out once, the list filter and the candidate loop."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from interregime.analytics.search import Classifier, Method
from interregime.analytics.search.index import open_index
from interregime.analytics.search.lexical import LexicalIndex, document_terms
from interregime.analytics.search.ranking import Query
from interregime.domain.codes import regime_of_eu_code
from tests.analytics.search_corpus import corpus, store

QUERIES = ("machine tools for milling", "unmanned aerial vehicle", "AI accelerator GPU, TPP 5000",
           "know-how for building centrifuges", "5-axis machining centre, positioning accuracy 4 um")


@pytest.fixture
def searchable(engine: sa.Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    monkeypatch.setenv("INTERREGIME_CACHE_DIR", str(tmp_path / "cache"))
    store(engine, corpus())
    return engine


def test_term_presence_from_postings_matches_the_document_terms(searchable: sa.Engine, tmp_path: Path) -> None:
    built = open_index(searchable, with_dense=False)
    built.lexical.save(tmp_path / "bm25")
    for lexical in (built.lexical, LexicalIndex.load(tmp_path / "bm25")):
        vocabulary = {term for document in built.documents for term in document_terms(document)}
        for position, document in enumerate(built.documents):
            present = set(document_terms(document))
            assert {term for term in vocabulary if lexical.holds(term, position)} == present
        assert not lexical.holds("no-such-term", 0)


@pytest.mark.parametrize("list_id", [None, "wassenaar", "eu-annex-i"])
def test_results_show_what_the_plain_computation_gives(searchable: sa.Engine, list_id: str | None) -> None:
    classifier = Classifier.open(searchable, Method.BM25)
    documents = classifier.index.documents
    for text in QUERIES:
        query = Query.parse(text)
        for result in classifier.classify(text, top=10, list_id=list_id):
            best = next(d for d in documents if d.list_id == result.list and d.item_code == result.item)
            members = [documents[position] for position in classifier.index.groups[best.group]]
            present = set(document_terms(best))
            assert result.explanation["matched_terms"] == [t for t in query.own_terms if t in present]
            assert result.explanation["expanded_terms"] == [t for t in query.expansion.added_terms if t in present]
            stated = Counter(d.regime for d in members if d.regime)
            origin = regime_of_eu_code(best.entry) if best.entry else None
            assert result.regime == (stated.most_common(1)[0][0] if stated else origin.value if origin else "")
            assert [(m.list, m.code, m.regime) for m in result.members] == list(
                dict.fromkeys((d.list_id, d.entry_code, d.regime) for d in members))
            if list_id is not None:
                assert result.list == list_id


def test_results_do_not_share_mutable_lists(searchable: sa.Engine) -> None:
    classifier = Classifier.open(searchable, Method.BM25)
    first = classifier.classify("machine tools for milling", top=3)
    for result in first:
        result.members.clear()
        result.related.clear()
    again = classifier.classify("machine tools for milling", top=3)
    assert all(result.members for result in again)
