"""Technical parameters of control items: extraction, units, item logic, checks and comparisons."""
