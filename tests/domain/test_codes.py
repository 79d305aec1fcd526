"""Item codes in EU style, Wassenaar native form and munitions form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interregime.domain.codes import (
    code_variants,
    depth_of,
    entry_code,
    normalise_case,
    parent_code,
    regime_of_eu_code,
    split_code,
    to_eu_style,
    to_wassenaar_native,
)
from interregime.domain.regimes import Regime


@pytest.mark.parametrize(("native", "eu"), [
    ("2.B.1", "2B001"), ("2.B.1.b.2.a", "2B001.b.2.a"), ("9.A.12", "9A012"), ("1.C.116", "1C116"),
    ("ML10.e.1", "ML10.e.1"),
])
def test_wassenaar_and_eu_forms(native: str, eu: str) -> None:
    assert to_eu_style(native) == eu
    if not native.startswith("ML"):
        assert to_wassenaar_native(eu) == native


@pytest.mark.parametrize(("code", "regime"), [
    ("2B001", Regime.WA), ("9A112", Regime.MTCR), ("2B201.a", Regime.NSG), ("1C350", Regime.AG),
    ("1C450", Regime.CWC), ("0A001", Regime.NSG), ("ML10", Regime.WA), ("3A504", None), ("2B991", None),
])
def test_regime_of_origin_from_the_eu_numbering(code: str, regime: Regime | None) -> None:
    assert regime_of_eu_code(code) is regime


def test_hierarchy() -> None:
    assert split_code("2.B.1.b.2") == ("2.B.1", ["b", "2"])
    assert entry_code("2B001.b.2") == "2B001"
    assert parent_code("2B001.b.2") == "2B001.b" and parent_code("2B001") is None
    assert depth_of("2B001.b.2.a") == 3 and depth_of("ML10") == 0


def test_user_spellings_are_understood() -> None:
    assert normalise_case("2b001.b") == "2B001.b"
    assert normalise_case("2.b.1.a") == "2.B.1.a"
    assert normalise_case("ml10.a") == "ML10.a"
    assert code_variants("2b001.b.2.") == ["2B001.b.2", "2.B.1.b.2"]
    assert code_variants("2.B.1") == ["2.B.1", "2B001"]


@given(st.sampled_from("0123456789"), st.sampled_from("ABCDE"), st.integers(0, 999),
       st.lists(st.sampled_from(["a", "b", "1", "2", "c"]), max_size=4))
def test_native_and_eu_round_trip(category: str, group: str, number: int, labels: list[str]) -> None:
    eu = ".".join([f"{category}{group}{number:03d}", *labels])
    assert to_eu_style(to_wassenaar_native(eu)) == eu
