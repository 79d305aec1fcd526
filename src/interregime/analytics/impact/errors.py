"""The one error type of the impact package: a single line that names the file, column or position."""

from __future__ import annotations


class ImpactError(ValueError):
    """Bad catalog, mapping or rule input; ``str(error)`` is a complete one-line message."""
