"""The dbt CLI resource knows the version of the dbt beside this Python without starting it."""

from importlib.metadata import version

import dagster_dbt.core.resource as dagster_dbt_resource
from packaging.version import Version

from eperf.config import dbt_executable
from orchestration.defs.resources import EperfDbtCliResource
from orchestration.defs.transform.project import dbt_project


def _no_subprocess(*args, **kwargs):
    raise AssertionError(f"dbt was started: {args}")


def test_version_of_the_venv_dbt_is_read_without_starting_it(monkeypatch):
    monkeypatch.setattr(dagster_dbt_resource, "check_output", _no_subprocess)
    resource = EperfDbtCliResource(project_dir=dbt_project(), dbt_executable=dbt_executable())
    assert resource._cli_version == Version(version("dbt-core"))


def test_another_dbt_is_asked_its_version(monkeypatch, tmp_path):
    asked = []

    def fake_check_output(command):
        asked.append(command)
        return b"Core:\n  - installed: 1.10.3\n"

    monkeypatch.setattr(dagster_dbt_resource, "check_output", fake_check_output)
    other = tmp_path / "bin" / "dbt"
    other.parent.mkdir()
    other.write_text("#!/bin/sh\n")
    other.chmod(0o755)
    resource = EperfDbtCliResource(project_dir=dbt_project(), dbt_executable=str(other))
    assert resource._cli_version == Version("1.10.3")
    assert asked == [[str(other), "--version"]]


def test_no_dbt_adapter_is_loaded_in_the_dagster_process():
    """dbt's adapter and macros were loaded in-process only for column metadata and row counts,
    which the project does not fetch (tests/e2e run the dbt step with none)."""
    resource = EperfDbtCliResource(project_dir=dbt_project(), dbt_executable=dbt_executable())
    assert resource._initialize_dbt_core_adapter(["build"]) is None
