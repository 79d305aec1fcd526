"""Taking typed fields out of the decoded JSON of a source, each failure naming the file and the place."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from interregime.ingest.context import SourceContext, SourceError

T = TypeVar("T")


def decode(file: str, data: bytes) -> dict[str, Any]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(file, f"byte {error.start}", "not UTF-8 text") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceError(file, f"line {error.lineno} column {error.colno}", f"malformed JSON: {error.msg}") from None
    if not isinstance(document, dict):
        raise SourceError(file, "top level", f"expected a JSON object, found {type(document).__name__}")
    return document


def take(file: str, obj: dict[str, Any], key: str, kind: type[T], place: str) -> T:
    """Pop ``key`` from ``obj``, requiring a value of type ``kind``."""
    if key not in obj:
        raise SourceError(file, place, f"missing key {key!r}")
    value = obj.pop(key)
    if not isinstance(value, kind):
        raise SourceError(file, f"{place}.{key}", f"expected {kind.__name__}, found {type(value).__name__}")
    return value


def take_object(file: str, value: object, place: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SourceError(file, place, f"expected an object, found {type(value).__name__}")
    return value


def take_strings(file: str, obj: dict[str, Any], key: str, place: str) -> list[str]:
    values = take(file, obj, key, list, place)
    for position, value in enumerate(values):
        if not isinstance(value, str):
            raise SourceError(file, f"{place}.{key}[{position}]", f"expected str, found {type(value).__name__}")
    return values


def warn_leftovers(context: SourceContext, file: str, obj: dict[str, Any], place: str) -> None:
    """Warn about every field nobody consumed."""
    for key, value in obj.items():
        context.warn(file, f"{place}.{key}" if place else key, f"unknown field ignored: {str(value)[:80]!r}")
