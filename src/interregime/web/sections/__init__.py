"""One module per report page, each with ``section(context) -> ReportPage | None``."""
