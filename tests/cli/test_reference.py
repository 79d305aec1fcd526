"""docs/cli.md is the generated command reference: every command and option is documented."""

from __future__ import annotations

import re
from pathlib import Path

from interregime.cli.reference import ENVIRONMENT, render

REPO = Path(__file__).resolve().parents[2]


def test_cli_reference_is_up_to_date() -> None:
    assert (REPO / "docs" / "cli.md").read_text(encoding="utf-8") == render(), (
        "regenerate with: python -m interregime.cli.reference > docs/cli.md"
    )


def test_every_environment_variable_read_by_the_code_is_documented() -> None:
    used = set()
    for path in (REPO / "src").rglob("*.py"):
        used |= set(re.findall(r"INTERREGIME_[A-Z_]+", path.read_text(encoding="utf-8")))
    for path in (REPO / "tests").rglob("*.py"):
        used |= set(re.findall(r"INTERREGIME_[A-Z_]+", path.read_text(encoding="utf-8")))
    assert used <= set(ENVIRONMENT), used - set(ENVIRONMENT)


def test_every_option_and_argument_says_what_it_is() -> None:
    import typer.main

    from interregime.cli.app import app

    def walk(command: object, path: str) -> list[str]:
        silent = [f"{path} {param.name}" for param in getattr(command, "params", [])
                  if not (getattr(param, "help", None) or "").strip()
                  and param.name not in ("help", "install_completion", "show_completion")]
        for name, sub in getattr(command, "commands", {}).items():
            silent += walk(sub, f"{path} {name}")
        return silent

    assert walk(typer.main.get_command(app), "interregime") == []
