"""Plain-Python readers of the operational sources (no Dagster import): contract, readers, quarantine."""
