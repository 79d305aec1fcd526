"""The data-model reference (docs/data-model.md), generated from the domain dataclasses and enums."""

from __future__ import annotations

import dataclasses
import inspect
from enum import Enum
from types import ModuleType

from interregime.domain import consensus, corpus, parameters, proposals, regimes

MODULES: tuple[ModuleType, ...] = (regimes, corpus, parameters, proposals, consensus)


def _described(module: ModuleType) -> list[type]:
    found = [
        value for value in vars(module).values()
        if inspect.isclass(value) and value.__module__ == module.__name__
        and (dataclasses.is_dataclass(value) or issubclass(value, Enum))
    ]
    return sorted(found, key=lambda cls: inspect.getsourcelines(cls)[1])


def _class_lines(cls: type) -> list[str]:
    lines = [f"### `{cls.__name__}`", ""]
    own = cls.__dict__.get("__doc__")
    doc = inspect.cleandoc(own) if isinstance(own, str) else ""
    if doc and not doc.startswith(cls.__name__ + "("):
        lines += [doc.split("\n\n")[0].replace("\n", " "), ""]
    if issubclass(cls, Enum):
        lines.append("Values: " + ", ".join(f"`{member.value}`" for member in cls) + ".")
    elif dataclasses.is_dataclass(cls):
        lines += [f"- `{field.name}`: `{field.type}`" for field in dataclasses.fields(cls)]
    return [*lines, ""]


def render() -> str:
    lines = ["# Data model", "",
             "Generated from `src/interregime/domain` by `python -m interregime.domain.reference > "
             "docs/data-model.md`; a test fails when the two differ.", ""]
    for module in MODULES:
        title = (inspect.getdoc(module) or module.__name__).split("\n")[0]
        lines += [f"## `{module.__name__}`", "", title, ""]
        for cls in _described(module):
            lines += _class_lines(cls)
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
