"""The command reference (docs/cli.md), generated from the Typer app itself so it cannot drift."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer.main

from interregime.cli.app import app

ENVIRONMENT = {
    "INTERREGIME_SOURCES": "folder holding the source publications (same as --sources)",
    "INTERREGIME_DATABASE_URL": "SQLAlchemy URL of the database (same as --database); default: SQLite file "
                                "in the user data directory",
    "INTERREGIME_CACHE_DIR": "folder for the cached search index (default: the user cache directory)",
    "INTERREGIME_TEST_POSTGRES_URL": "tests only: PostgreSQL server for the PostgreSQL half of the suite",
}


def _commands(command: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _commands(sub, (*path, name))


def _option_line(param: Any) -> str:
    names = ", ".join(f"`{opt}`" for opt in [*param.opts, *param.secondary_opts])
    if param.param_type_name == "argument":
        names = f"`{param.name.upper()}`"
    text = (getattr(param, "help", None) or "").replace("\n", " ")
    default = param.default
    if default not in (None, False, (), []) and not callable(default) and param.param_type_name != "argument":
        value = getattr(default, "value", default)
        text += f" (default: `{value}`)"
    if param.required:
        text += " (required)"
    return f"- {names}: {text}".rstrip(": ")


def render() -> str:
    root = typer.main.get_command(app)
    lines = ["# Command reference", "",
             "Generated from the code by `python -m interregime.cli.reference > docs/cli.md`; a test fails when "
             "this file and the commands differ.", "", "## Environment", ""]
    lines += [f"- `{name}`: {text}" for name, text in ENVIRONMENT.items()]
    for path, command in _commands(root, ("interregime",)):
        lines += ["", f"## `{' '.join(path)}`", ""]
        help_text = (command.help or "").strip()
        if help_text:
            lines += [help_text.split("\n\n")[0].replace("\n", " "), ""]
        params = [p for p in command.params if p.name not in ("help", "install_completion", "show_completion")]
        lines += [_option_line(p) for p in params]
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
