"""Shared resources: the DuckDB warehouse and the dbt CLI.

All assets run in one process, one after another (the in-process executor): DuckDB allows a
single writer process per file (research/tech_style.md, Pitfall 1), and ingestion, dbt and
publication all write to or read from the same warehouse file.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from importlib.metadata import version as installed_version
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource
from packaging.version import Version

from eperf.config import Settings, dbt_beside_python, dbt_executable
from orchestration.defs.transform.project import dbt_project


class WarehouseResource(dg.ConfigurableResource):
    """Read-write connection to the warehouse ``EPERF_WAREHOUSE`` (resolved at run time)."""

    @property
    def settings(self) -> Settings:
        return Settings.from_env()

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection whose close leaves DuckDB's write-ahead log as it is.

        DuckDB checkpoints a file as its last connection closes, and at 40,000 x 12 that costs
        about 0.9 s even for a few kilobytes of writes (the whole file's metadata is written
        again): 11 s of a day's two runs, a close for every step. The log is on disk at each
        commit and every connection reads it, so leaving it loses nothing; the next connection
        that closes normally (dbt's, once a scoring run) checkpoints it once, and DuckDB
        checkpoints on its own when the log passes its threshold."""
        path = self.settings.warehouse
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
        con.execute("pragma disable_checkpoint_on_shutdown")
        try:
            yield con
        finally:
            con.close()


class EperfDbtCliResource(DbtCliResource):
    """dagster-dbt's dbt CLI resource without two start-up costs of each dbt step:

    - it asks the dbt executable its version (``dbt --version``: a second dbt start-up, seconds
      per run); when that executable is the one installed beside this Python, the installed
      dbt-core's version is the answer;
    - it loads dbt's adapter and macros in this process, used only to fetch column metadata or
      row counts from the warehouse after a model builds, which this project never asks for.
    """

    def _initialize_dbt_core_adapter(self, args):
        return None

    @cached_property
    def _cli_version(self) -> Version:
        if Path(self.dbt_executable) == dbt_beside_python():
            return Version(installed_version("dbt-core"))
        return super()._cli_version


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={
            "warehouse": WarehouseResource(),
            "dbt": EperfDbtCliResource(project_dir=dbt_project(), dbt_executable=dbt_executable()),
        },
        executor=dg.in_process_executor,
    )
