"""dbt's partial-parse state is carried from a run's target folder to the project's."""

from pathlib import Path

from orchestration.defs.transform.parse_state import keep_partial_parse, project_target_path


def test_the_state_a_run_left_replaces_the_projects(tmp_path):
    run, project = tmp_path / "target" / "run-1", tmp_path / "target"
    run.mkdir(parents=True)
    (project / "partial_parse.msgpack").write_bytes(b"old")
    (run / "partial_parse.msgpack").write_bytes(b"new")
    assert keep_partial_parse(run, project)
    assert (project / "partial_parse.msgpack").read_bytes() == b"new"
    assert sorted(p.name for p in project.iterdir()) == ["partial_parse.msgpack", "run-1"]


def test_a_run_that_left_no_state_changes_nothing(tmp_path):
    run, project = tmp_path / "run", tmp_path / "target"
    run.mkdir()
    assert not keep_partial_parse(run, project)
    assert not project.exists()


def test_the_project_target_follows_dbt_target_path(tmp_path, monkeypatch):
    monkeypatch.delenv("DBT_TARGET_PATH", raising=False)
    assert project_target_path(tmp_path) == tmp_path / "target"
    monkeypatch.setenv("DBT_TARGET_PATH", "elsewhere")
    assert project_target_path(tmp_path) == tmp_path / "elsewhere"
    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "abs"))
    assert project_target_path(Path("/x")) == tmp_path / "abs"
