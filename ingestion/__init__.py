"""Plain-Python readers of the operational sources (no Dagster import), and the quarantine."""
