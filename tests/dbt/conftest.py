"""Fixtures of the dbt tests: a copy of the tiny pipeline's warehouse to break on purpose."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class WarehouseCopy:
    path: Path
    env: dict[str, str]  # the whole environment of a dbt process on the copy


@pytest.fixture
def warehouse_copy(tiny_pipeline, tmp_path) -> WarehouseCopy:
    """The tiny pipeline's warehouse (tests/conftest.py) copied into this test's folder, with the
    environment that points dbt at the copy."""
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copyfile(tiny_pipeline.settings.warehouse, warehouse)
    env = {**os.environ, **tiny_pipeline.settings.as_env(), "EPERF_WAREHOUSE": str(warehouse)}
    return WarehouseCopy(warehouse, env)
