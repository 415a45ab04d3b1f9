"""The import graph's layers: the contracts of ``[tool.importlinter]`` in pyproject.toml.

A shared core (``eperf.config``, ``periods``, ``serving``, ``audit``, ``faults``, ``run_lock``,
``ledger``, ``source_url``, ``transaction``) imports no app code; the apps sit on top of it, each
importing only the layers below (``eperf.cli`` > ``eperf.bench`` / ``eperf.users_cli`` >
``eperf.pipeline`` > ``orchestration`` / ``dashboards`` > ``data_quality`` / ``simulator`` /
``eperf.export`` > ``ingestion`` > core), and no package has an import cycle between its modules.
``lint-imports`` checks them; these tests run it, and show on a copy of the packages that an app
import added to the core breaks the contracts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from eperf.config import REPO_ROOT

PACKAGES = ("eperf", "ingestion", "orchestration", "dashboards", "data_quality", "simulator")
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _contracts() -> dict[str, dict]:
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    """``lint-imports`` with the project's contracts on the packages found in ``root``."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(REPO_ROOT / "pyproject.toml")],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_import_contracts_are_kept() -> None:
    result = _lint_imports(REPO_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_eperf_module_has_a_layer() -> None:
    """A new module of ``eperf`` must say whether it is core or app: be named in a layer."""
    named = {
        module.strip()
        for layer in _contracts()["layers"]["layers"]
        for module in layer.replace("|", ":").split(":")
    }
    modules = {
        f"eperf.{path.stem if path.suffix == '.py' else path.name}"
        for path in (REPO_ROOT / "eperf").iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").exists()
    }
    assert modules - named == set()


def test_the_core_is_forbidden_every_app() -> None:
    contracts = _contracts()
    core = set(contracts["core"]["source_modules"])
    assert set(contracts["layers"]["layers"][-1].replace(" ", "").split(":")) == core
    assert {"ingestion", "orchestration", "dashboards", "data_quality", "simulator"} <= set(
        contracts["core"]["forbidden_modules"]
    )


def test_an_app_import_in_the_core_breaks_the_contracts(tmp_path: Path) -> None:
    for package in PACKAGES:
        shutil.copytree(
            REPO_ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    config = tmp_path / "eperf" / "config.py"
    config.write_text(
        config.read_text(encoding="utf-8") + "\nfrom orchestration import instance  # noqa\n",
        encoding="utf-8",
    )
    result = _lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "The core imports no app code BROKEN" in result.stdout
    assert "eperf.config -> orchestration.instance" in result.stdout
