"""Shared resources: the DuckDB warehouse and the dbt CLI.

All assets run in one process, one after another (the in-process executor): DuckDB allows a
single writer process per file (research/tech_style.md, Pitfall 1), and ingestion, dbt and
publication all write to or read from the same warehouse file.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource

from eperf.config import Settings, dbt_executable
from orchestration.defs.transform.project import dbt_project


class WarehouseResource(dg.ConfigurableResource):
    """Read-write connection to the warehouse ``EPERF_WAREHOUSE`` (resolved at run time)."""

    @property
    def settings(self) -> Settings:
        return Settings.from_env()

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        path = self.settings.warehouse
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
        try:
            yield con
        finally:
            con.close()


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={
            "warehouse": WarehouseResource(),
            "dbt": DbtCliResource(project_dir=dbt_project(), dbt_executable=dbt_executable()),
        },
        executor=dg.in_process_executor,
    )
