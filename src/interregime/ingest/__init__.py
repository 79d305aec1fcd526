"""Parsers of the official publications, one small module per source."""
