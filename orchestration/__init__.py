"""Dagster code location: thin wrappers over ingestion/, dbt_project/ and eperf.serving."""
