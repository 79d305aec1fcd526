"""Classification on a small corpus: grouping across lists, cross-links, trade terms, numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from interregime.analytics.search import Classifier, Method, classify
from interregime.analytics.search.documents import ItemDocument
from interregime.analytics.search.index import SearchIndex
from interregime.analytics.search.lexical import LexicalIndex
from interregime.analytics.search.ranking import Query, RankedGroup, Ranker
from interregime.analytics.search.vocabulary import expand
from tests.analytics.search_corpus import corpus, store


@pytest.fixture
def searchable(engine: sa.Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    monkeypatch.setenv("INTERREGIME_CACHE_DIR", str(tmp_path / "cache"))
    store(engine, corpus())
    return engine


@pytest.mark.parametrize("method", [Method.BM25, Method.HYBRID])
def test_implementations_of_one_entry_form_one_group(searchable: sa.Engine, method: Method) -> None:
    results = Classifier.open(searchable, method).classify("machine tools for milling", top=5)
    entries = [group.entry for group in results]
    assert entries[0] == "2B001"
    assert entries.count("2B001") == 1
    members = {(member.list, member.code) for member in results[0].members}
    assert members == {("eu-annex-i", "2B001"), ("wassenaar", "2.B.1"), ("us-ccl", "2B001")}
    assert results[0].regime == "WA"


def test_neighbouring_entry_of_another_regime_stays_separate_and_linked(searchable: sa.Engine) -> None:
    results = Classifier.open(searchable, Method.BM25).classify("machine tools for cutting metals contouring", top=5)
    by_entry = {group.entry: group for group in results}
    assert {"2B001", "2B201"} <= set(by_entry)
    assert by_entry["2B201"].regime == "NSG"
    assert "2B001" in by_entry["2B201"].related


def test_trade_terms_expand_the_query(searchable: sa.Engine) -> None:
    assert "unman" in expand("a quadcopter drone").added_terms
    classifier = Classifier.open(searchable, Method.BM25)
    assert classifier.classify("quadcopter drone for filming", top=1)[0].entry == "9A012"
    top = classifier.classify("a 300 litre bioreactor", top=1)[0]
    assert top.entry == "2B352"
    assert top.explanation["trade_terms"] == ["bioreactor"]


def test_trade_term_phrases_match_as_consecutive_words_anywhere_in_the_query() -> None:
    assert "transporter erector launcher" in expand("Quote for a transporter erector launcher, road mobile").matched
    assert expand("a launcher that is a transporter and an erector").matched == ("launcher",)
    hidden = expand("small listening bugs for eavesdropping")
    assert "surreptitious" in hidden.added_terms and "interception" in hidden.added_terms
    assert expand("").matched == ()


def test_query_quantities_are_checked_against_thresholds(searchable: sa.Engine) -> None:
    classifier = Classifier.open(searchable, Method.BM25)
    better = classifier.classify("machining centre, positioning repeatability 0.8 micron", top=1)[0]
    assert better.entry == "2B001"
    assert better.item.endswith("b.1")
    assert better.check is not None and better.check["verdict"] == "met"
    worse = classifier.classify("machining centre, positioning repeatability 0.005 mm", top=1)[0]
    assert worse.check is not None and worse.check["verdict"] == "not met"


def test_quantity_lifts_the_line_that_measures_it(searchable: sa.Engine) -> None:
    classifier = Classifier.open(searchable, Method.BM25)
    plain = classifier.classify("machine tools milling", top=1)[0]
    measured = classifier.classify("machine tools milling 2 µm", top=1)[0]
    assert measured.item.endswith("b.1")
    assert measured.explanation["parameters"]
    assert plain.check is None


def test_us_only_entry_is_shown_under_its_own_code(searchable: sa.Engine) -> None:
    top = Classifier.open(searchable, Method.BM25).classify("AI accelerator GPU, TPP 5000", top=1)[0]
    assert (top.list, top.code, top.entry) == ("us-ccl", "3A090", "3A090")
    assert top.check is not None and top.check["verdict"] == "met"


def test_list_filter_and_bad_input(searchable: sa.Engine) -> None:
    classifier = Classifier.open(searchable, Method.BM25)
    assert {group.list for group in classifier.classify("machine tools", list_id="wassenaar")} == {"wassenaar"}
    with pytest.raises(ValueError, match="empty"):
        classifier.classify("   ")
    with pytest.raises(LookupError, match="no list 'nope'"):
        classifier.classify("machine tools", list_id="nope")


def test_classify_function_uses_the_best_available_method(searchable: sa.Engine) -> None:
    results = classify(searchable, "unmanned aerial vehicle", top=2)
    assert results[0].entry == "9A012"
    assert results[0].explanation["method"] == "hybrid"
    assert results[0].explanation["similarity"] > 0.3


def _line(group: str, text: str) -> ItemDocument:
    return ItemDocument(list_id="eu-annex-i", entry_code=group, item_code=group, entry=group, group=group,
                        regime="WA", heading="", text=text, parents=(), notes="", definitions="", references="",
                        depth=0)


def test_a_query_asking_for_technology_is_routed_to_the_entries_serving_the_goods() -> None:
    assert Query.parse("Know-how for building centrifuges").asks_for == ("E",)
    assert Query.parse("source code and technical data for a lathe").asks_for == ("D", "E")
    assert Query.parse("pilot training simulator").asks_for == ()
    documents = [_line("2B201", "centrifuge test machines"), _line("2B001", "machine tools"),
                 _line("2E201", "technology for the use of 2B201"), _line("2E001", "technology for 2A, 2B or 2D"),
                 _line("3E001", "technology for 3A")]
    links = {"2E201": ["2B201"], "2E001": [], "3E001": []}
    search_index = SearchIndex(documents, LexicalIndex.build(documents), [[] for _ in documents], links)
    ranker = Ranker(search_index)
    goods = [RankedGroup("2B201", 1.0, 0, 0.0, 0.0, ()), RankedGroup("2B001", 0.5, 1, 0.0, 0.0, ())]
    routed = {ranked.group: ranked.score for ranked in ranker._route(goods, ("E",))}
    assert routed["2E201"] > routed["2B201"] > routed["2B001"] > routed["2E001"] > 0
    assert "3E001" not in routed
    assert {ranked.group for ranked in ranker._route(goods, ("D",))} == {"2B201", "2B001"}
