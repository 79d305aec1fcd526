"""interregime: a shared workbench for multilateral export-control lists."""

__version__ = "0.1.0"
