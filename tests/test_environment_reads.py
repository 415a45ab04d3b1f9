"""Every environment variable is read in ``eperf.config.Settings`` and nowhere else.

The rule, checked on the syntax tree of every module of the packages but ``eperf/config.py``:

- ``os.getenv``, ``os.getenvb``, ``os.environb`` and ``from os import environ/getenv`` are not
  used at all;
- ``os.environ`` appears only where the environment is *handed on*, never read:
  ``{**os.environ, ...}`` (the whole environment, unread, given to a child process, usually with
  ``settings.as_env()``), a statement ``os.environ.update(...)``, ``os.environ.pop(...)`` or
  ``os.environ.clear()`` whose value is not used, and ``os.environ[name] = ...`` or
  ``del os.environ[name]``: writes for the child processes and libraries that read the
  environment (dbt, Dagster, Streamlit). Anything else (``.get``, ``os.environ[name]`` as a
  value, ``in``, ``dict(os.environ)``, passing it as a mapping) is a read.

Reads belong in ``Settings.from_env`` (at call time, never when a module is imported: no module
calls ``Settings.from_env()`` outside a function), each into a documented field whose metadata
names the variable; and every ``EPERF_*`` name the packages mention is such a field, or one the
pipeline only writes for dbt's models.
"""

from __future__ import annotations

import ast
import re
from dataclasses import fields
from pathlib import Path

import pytest

from eperf.config import REPO_ROOT, Settings

PACKAGES = ("eperf", "ingestion", "orchestration", "dashboards", "data_quality", "simulator")
CONFIG = REPO_ROOT / "eperf" / "config.py"
# Written into the environment of dbt (orchestration/defs/transform/assets.py), read by its
# models' env_var(), never by the packages.
WRITTEN_FOR_DBT = {"EPERF_PERIOD_FROM", "EPERF_PERIOD_TO", "EPERF_DAYS"}
WRITES = {"update", "pop", "clear"}
ENV_NAME = re.compile(r"\bEPERF_[A-Z0-9_]+\b")


def _modules() -> list[Path]:
    return sorted(
        path
        for package in PACKAGES
        for path in (REPO_ROOT / package).rglob("*.py")
        if path != CONFIG and "__pycache__" not in path.parts
    )


def _is_os_attribute(node: ast.AST, *names: str) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr in names
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def _where(path: Path, node: ast.AST) -> str:
    shown = path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path
    return f"{shown}:{node.lineno}"


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _handed_on(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """True when this ``os.environ`` hands the environment on (the rule above), not reads it."""
    parent = parents[node]
    if isinstance(parent, ast.Dict) and any(
        key is None and value is node for key, value in zip(parent.keys, parent.values, strict=True)
    ):
        return True  # {**os.environ, ...}
    if isinstance(parent, ast.Attribute) and parent.attr in WRITES:
        call = parents.get(parent)
        return isinstance(call, ast.Call) and isinstance(parents.get(call), ast.Expr)
    if isinstance(parent, ast.Subscript) and parent.value is node:
        return isinstance(parent.ctx, ast.Store | ast.Del)
    return False


def environment_reads(path: Path) -> list[str]:
    """``file:line`` of each read of the environment in ``path`` (the rule above)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = _parents(tree)
    reads = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "os":
            if {a.name for a in node.names} & {"environ", "environb", "getenv", "getenvb"}:
                reads.append(_where(path, node))
        elif _is_os_attribute(node, "getenv", "getenvb", "environb") or (
            _is_os_attribute(node, "environ") and not _handed_on(node, parents)
        ):
            reads.append(_where(path, node))
    return reads


def settings_built_at_import(path: Path) -> list[str]:
    """``file:line`` of each ``Settings.from_env()`` call outside any function or lambda."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = _parents(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr != "from_env":
            continue
        scope = parents.get(node)
        while scope is not None and not isinstance(
            scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
        ):
            scope = parents.get(scope)
        if scope is None:
            found.append(_where(path, node))
    return found


def _names_read_by_from_env() -> set[str]:
    """The variable names ``Settings.from_env`` reads: ``env.get("NAME")`` and ``env["NAME"]``."""
    tree = ast.parse(CONFIG.read_text(encoding="utf-8"))
    from_env = next(
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name == "from_env"
    )
    names = set()
    for node in ast.walk(from_env):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "env"
        ):
            names.add(node.args[0].value)
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id == "env"
            and isinstance(node.slice, ast.Constant)
        ):
            names.add(node.slice.value)
    return names


def test_no_module_but_the_settings_reads_the_environment() -> None:
    reads = [read for path in _modules() for read in environment_reads(path)]
    assert reads == []


def test_no_module_builds_its_settings_when_imported() -> None:
    found = [hit for path in _modules() for hit in settings_built_at_import(path)]
    assert found == []


def test_settings_has_a_field_for_each_variable_it_reads() -> None:
    by_field = Settings.environment_names()
    assert set(by_field) == {f.name for f in fields(Settings)}
    assert _names_read_by_from_env() == set(by_field.values())
    assert len(set(by_field.values())) == len(by_field)  # one field per variable
    doc = Settings.__doc__ or ""
    undocumented = [f"{name} {env}" for name, env in by_field.items() if f"``{env}``" not in doc]
    assert undocumented == []


def test_every_variable_the_packages_name_is_a_setting() -> None:
    mentioned = {
        name
        for path in [*_modules(), CONFIG]
        for name in ENV_NAME.findall(path.read_text(encoding="utf-8"))
    }
    assert mentioned - set(Settings.environment_names().values()) - WRITTEN_FOR_DBT == set()


@pytest.mark.parametrize(
    ("source", "reads"),
    [
        ("import os\nx = os.environ.get('EPERF_X')\n", 1),
        ("import os\nx = os.environ['EPERF_X']\n", 1),
        ("import os\nx = 'EPERF_X' in os.environ\n", 1),
        ("import os\nsaved = dict(os.environ)\n", 1),
        ("import os\nx = os.getenv('EPERF_X')\n", 1),
        ("from os import environ\n", 1),
        ("import os\nvalue = os.environ.pop('EPERF_X', None)\n", 1),
        ("import os\nenv = {**os.environ, 'EPERF_X': '1'}\n", 0),
        ("import os\nos.environ.update({'EPERF_X': '1'})\nos.environ.pop('EPERF_Y', None)\n", 0),
        ("import os\nos.environ['EPERF_X'] = '1'\ndel os.environ['EPERF_X']\n", 0),
    ],
)
def test_the_rule_tells_reads_from_hand_overs(tmp_path: Path, source: str, reads: int) -> None:
    module = tmp_path / "probe.py"
    module.write_text(source, encoding="utf-8")
    assert len(environment_reads(module)) == reads
