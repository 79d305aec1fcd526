"""Classification on a small corpus: grouping across lists, cross-links, trade terms, numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from interregime.analytics.search import Classifier, Method, classify
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
