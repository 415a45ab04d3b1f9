"""The dbt project's shape, read from the manifest ``dbt parse`` writes (no warehouse needed).

- Data flows one way: a staging model reads only sources and seeds; an intermediate model never
  reads a mart; an exposure (a dashboard page or an export) reads only marts.
- Every model is described and keyed; every source table is described.
- Every folder of models has its ``_<folder>__models.yml``, and its models are documented there.

A model is *keyed* when an enabled generic data test attached to it, with no ``where`` filter,
proves a key over all its rows: ``unique`` on a column, or a combination-unique test on a list of
columns (the project's ``unique_combination``, or dbt_utils' ``unique_combination_of_columns``).
``not_null`` alone, relationships and expression tests do not key a model. An ephemeral model is
never written: it is compiled into the models that read it, so it is keyed when it is read and
each model reading it is keyed (a test of its own would compute it all again).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

import pytest

from eperf.config import DBT_PROJECT_DIR, run_dbt

Manifest = Mapping[str, object]
LAYERS = ("staging", "intermediate", "marts")
# (test name, namespace): the generic tests that prove a key.
KEY_TESTS = {
    ("unique", None),
    ("unique_combination", None),
    ("unique_combination_of_columns", "dbt_utils"),
}


@pytest.fixture(scope="module")
def manifest(tmp_path_factory) -> Manifest:
    folder = tmp_path_factory.mktemp("parse")
    settings = {
        "EPERF_DATA_DIR": str(folder),
        "EPERF_WAREHOUSE": str(folder / "warehouse.duckdb"),
    }
    result = run_dbt(
        "parse",
        target_path=folder / "target",
        env={**os.environ, **settings},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return json.loads((folder / "target" / "manifest.json").read_text())


def project_models(manifest: Manifest) -> dict[str, dict]:
    """The project's own models by unique id (no package's)."""
    project = manifest["metadata"]["project_name"]
    return {
        uid: node
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["package_name"] == project
    }


def layer(node: Mapping) -> str | None:
    """staging, intermediate or marts: the first folder under models/."""
    parts = PurePosixPath(node["original_file_path"]).parts
    return parts[1] if len(parts) > 2 and parts[1] in LAYERS else None


def staging_reading_models(manifest: Manifest) -> list[str]:
    """Staging models that read anything but a source or a seed (`model -> what it reads`)."""
    models = project_models(manifest)
    return sorted(
        f"{node['name']} -> {dep}"
        for node in models.values()
        if layer(node) == "staging"
        for dep in node["depends_on"]["nodes"]
        if not dep.startswith(("source.", "seed."))
    )


def intermediate_reading_marts(manifest: Manifest) -> list[str]:
    """Intermediate models that read a mart (`model -> mart`)."""
    models = project_models(manifest)
    return sorted(
        f"{node['name']} -> {models[dep]['name']}"
        for node in models.values()
        if layer(node) == "intermediate"
        for dep in node["depends_on"]["nodes"]
        if dep in models and layer(models[dep]) == "marts"
    )


def exposures_reading_non_marts(manifest: Manifest) -> list[str]:
    """Exposures that read anything but a mart (`exposure -> what it reads`)."""
    models = project_models(manifest)
    return sorted(
        f"{exposure['name']} -> {dep}"
        for exposure in manifest["exposures"].values()
        for dep in exposure["depends_on"]["nodes"]
        if dep not in models or layer(models[dep]) != "marts"
    )


def undescribed_models(manifest: Manifest) -> list[str]:
    return sorted(
        node["name"]
        for node in project_models(manifest).values()
        if not node["description"].strip()
    )


def keyed_models(manifest: Manifest) -> set[str]:
    """Unique ids of the models a key test (see the module docstring) is attached to."""
    keyed = set()
    for node in manifest["nodes"].values():
        meta = node.get("test_metadata")
        if node["resource_type"] != "test" or not meta:
            continue
        config = node["config"]
        if (meta["name"], meta.get("namespace")) not in KEY_TESTS:
            continue
        if config.get("enabled", True) and not config.get("where") and node.get("attached_node"):
            keyed.add(node["attached_node"])
    return keyed


def unkeyed_models(manifest: Manifest) -> list[str]:
    keyed = keyed_models(manifest)
    models = project_models(manifest)
    readers: dict[str, list[str]] = {}
    for uid, node in models.items():
        for parent in node["depends_on"]["nodes"]:
            readers.setdefault(parent, []).append(uid)

    def is_keyed(uid: str) -> bool:
        if uid in keyed:
            return True
        node = models[uid]
        if node.get("config", {}).get("materialized") != "ephemeral" or not readers.get(uid):
            return False
        return all(is_keyed(reader) for reader in readers[uid])

    return sorted(node["name"] for uid, node in models.items() if not is_keyed(uid))


def undescribed_source_tables(manifest: Manifest) -> list[str]:
    return sorted(
        f"{source['source_name']}.{source['name']}"
        for source in manifest["sources"].values()
        if not source["description"].strip()
    )


def models_yml_path(model_path: str) -> PurePosixPath:
    """``models/staging/app/x.sql`` -> ``models/staging/app/_app__models.yml``."""
    folder = PurePosixPath(model_path).parent
    return folder / f"_{folder.name}__models.yml"


def folders_without_models_yml(manifest: Manifest, project_dir: Path) -> list[str]:
    """Folders of models with no ``_<folder>__models.yml``, and models documented elsewhere (or
    nowhere): `path: why`."""
    problems = set()
    for node in project_models(manifest).values():
        expected = models_yml_path(node["original_file_path"])
        if not (project_dir / expected).is_file():
            problems.add(f"{expected.parent}: no {expected.name}")
            continue
        patch = (node.get("patch_path") or "").split("://", 1)[-1]
        if patch != str(expected):
            problems.add(f"{node['original_file_path']}: documented in {patch or 'no yml'}")
    return sorted(problems)


# --- the project ----------------------------------------------------------------------


def assert_none(problems: list[str], what: str) -> None:
    """Fail naming every problem, one per line."""
    assert not problems, f"{len(problems)} {what}:\n" + "\n".join(problems)


def test_staging_models_read_only_sources_and_seeds(manifest):
    assert_none(
        staging_reading_models(manifest), "staging models reading neither a source nor a seed"
    )


def test_no_intermediate_model_reads_a_mart(manifest):
    assert_none(intermediate_reading_marts(manifest), "intermediate models reading a mart")


def test_exposures_read_only_marts(manifest):
    assert manifest["exposures"], "no exposures: models/_exposures.yml names who reads the marts"
    assert_none(exposures_reading_non_marts(manifest), "exposures reading a non-mart")


def test_every_model_is_described(manifest):
    assert_none(undescribed_models(manifest), "models without a description")


def test_every_model_has_a_key_test(manifest):
    assert_none(unkeyed_models(manifest), "models without a key test")


def test_every_source_table_is_described(manifest):
    assert_none(undescribed_source_tables(manifest), "source tables without a description")


def test_every_model_folder_has_its_models_yml(manifest):
    assert_none(
        folders_without_models_yml(manifest, DBT_PROJECT_DIR), "folders or models off their yml"
    )


# --- the checks catch what they are meant to (a hand-made manifest) ---------------------


def _model(
    name: str, path: str, reads: list[str], description: str = "x", materialized: str = "table"
) -> dict:
    return {
        "config": {"materialized": materialized},
        "resource_type": "model",
        "package_name": "eperf",
        "name": name,
        "original_file_path": path,
        "patch_path": f"eperf://{models_yml_path(path)}",
        "description": description,
        "depends_on": {"nodes": reads},
    }


def _test(name: str, model: str, where: str | None = None, namespace: str | None = None) -> dict:
    return {
        "resource_type": "test",
        "test_metadata": {"name": name, "namespace": namespace},
        "attached_node": model,
        "config": {"enabled": True, "where": where},
    }


def _broken_manifest() -> dict:
    nodes = {
        "model.eperf.stg_a": _model("stg_a", "models/staging/s/stg_a.sql", ["model.eperf.int_b"]),
        "model.eperf.int_b": _model(
            "int_b", "models/intermediate/d/int_b.sql", ["model.eperf.fct_c"], description=" "
        ),
        "model.eperf.fct_c": _model("fct_c", "models/marts/d/fct_c.sql", ["source.eperf.s.t"]),
        "test.eperf.unique_stg_a": _test("unique", "model.eperf.stg_a"),
        "test.eperf.filtered": _test("unique_combination", "model.eperf.int_b", where="x > 0"),
        "test.eperf.not_null_fct_c": _test("not_null", "model.eperf.fct_c"),
        # ephemeral: keyed through its keyed reader (int_e), not through an unkeyed one (int_b)
        "model.eperf.int_d": _model(
            "int_d", "models/intermediate/d/int_d.sql", [], materialized="ephemeral"
        ),
        "model.eperf.int_e": _model(
            "int_e", "models/intermediate/d/int_e.sql", ["model.eperf.int_d"]
        ),
        "test.eperf.unique_int_e": _test("unique", "model.eperf.int_e"),
        "model.eperf.int_f": _model(
            "int_f", "models/intermediate/d/int_f.sql", [], materialized="ephemeral"
        ),
        "model.eperf.int_g": _model(
            "int_g", "models/intermediate/d/int_g.sql", [], materialized="ephemeral"
        ),
    }
    nodes["model.eperf.int_b"]["depends_on"]["nodes"].append("model.eperf.int_f")
    return {
        "metadata": {"project_name": "eperf"},
        "nodes": nodes,
        "sources": {"source.eperf.s.t": {"source_name": "s", "name": "t", "description": ""}},
        "exposures": {
            "exposure.eperf.page": {"name": "page", "depends_on": {"nodes": ["model.eperf.int_b"]}}
        },
    }


def test_the_checks_name_each_break():
    broken = _broken_manifest()
    assert staging_reading_models(broken) == ["stg_a -> model.eperf.int_b"]
    assert intermediate_reading_marts(broken) == ["int_b -> fct_c"]
    assert exposures_reading_non_marts(broken) == ["page -> model.eperf.int_b"]
    assert undescribed_models(broken) == ["int_b"]
    # int_f is read only by the unkeyed int_b; int_g is read by nothing
    assert unkeyed_models(broken) == ["fct_c", "int_b", "int_f", "int_g"]
    assert undescribed_source_tables(broken) == ["s.t"]


def test_a_missing_or_misplaced_models_yml_is_named(tmp_path):
    broken = _broken_manifest()
    (tmp_path / "models/staging/s").mkdir(parents=True)
    (tmp_path / "models/staging/s/_s__models.yml").write_text("version: 2\n")
    (tmp_path / "models/marts/d").mkdir(parents=True)
    (tmp_path / "models/marts/d/_d__models.yml").write_text("version: 2\n")
    broken["nodes"]["model.eperf.fct_c"]["patch_path"] = "eperf://models/marts/_other.yml"
    assert folders_without_models_yml(broken, tmp_path) == [
        "models/intermediate/d: no _d__models.yml",
        "models/marts/d/fct_c.sql: documented in models/marts/_other.yml",
    ]
