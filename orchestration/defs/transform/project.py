"""The dbt project, with its manifest prepared when missing or older than the project files."""

import sys
from functools import cache
from pathlib import Path

from dagster_dbt import DbtProject

from eperf.config import DBT_PROJECT_DIR, put_on_path

_SOURCE_DIRS = ("models", "seeds", "macros", "tests")
_SOURCE_FILES = ("dbt_project.yml", "profiles.yml")


def manifest_is_stale(project_dir: Path = DBT_PROJECT_DIR) -> bool:
    """True when target/manifest.json is missing or older than any project file."""
    manifest = project_dir / "target" / "manifest.json"
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    files = [project_dir / f for f in _SOURCE_FILES]
    for folder in _SOURCE_DIRS:
        files.extend(p for p in (project_dir / folder).rglob("*") if p.is_file())
    return any(f.stat().st_mtime > built for f in files if f.exists())


def put_venv_on_path() -> None:
    """Make the dbt beside this Python findable (a venv used without activating it)."""
    put_on_path(Path(sys.executable).parent)


@cache
def dbt_project() -> DbtProject:
    put_venv_on_path()
    project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
    if manifest_is_stale(DBT_PROJECT_DIR):
        project.preparer.prepare(project)
    return project
