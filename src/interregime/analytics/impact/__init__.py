"""Parameter impact on real product catalogs: does a threshold separate items of concern from
general-purpose ones? Catalog loading (``catalog``), derived characteristics (``formulas``), rules
(``rules``, ``rule_library``), evaluation (``evaluate``, ``dask_eval``), cross-checks and charts."""
