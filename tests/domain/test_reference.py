"""docs/data-model.md is generated from the domain model and must match it."""

from __future__ import annotations

from pathlib import Path

from interregime.domain.reference import render

REPO = Path(__file__).resolve().parents[2]


def test_data_model_reference_is_up_to_date() -> None:
    assert (REPO / "docs" / "data-model.md").read_text(encoding="utf-8") == render(), (
        "regenerate with: python -m interregime.domain.reference > docs/data-model.md"
    )


def test_every_documented_class_is_in_the_reference() -> None:
    text = render()
    for name in ("Entry", "Item", "Note", "Definition", "CrossReference", "Edition", "Membership", "Parameter",
                 "Proposal", "Position", "Stage"):
        assert f"### `{name}`" in text
