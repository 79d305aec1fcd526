"""Plain domain model: dataclasses and enums, no web, SQL or PDF imports."""
