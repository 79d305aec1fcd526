"""The `interregime` command line."""
