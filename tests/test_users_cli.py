"""``eperf users`` (eperf/users_cli.py) on a temporary users file, through typer's CliRunner."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dashboards.lib import users
from eperf.cli import app

runner = CliRunner()


def _eperf_users(path: Path, *args: str):
    return runner.invoke(app, ["users", "--file", str(path), *args])


def test_command_line(tmp_path: Path) -> None:
    path = tmp_path / "users.toml"
    args = ["add", "--username", "budi", "--role", "PIMPINAN"]
    added = _eperf_users(path, *args, "--unit", "DITJEN-REHSOS", "--password", "sandi-budi")
    assert added.exit_code == 0
    assert users.verify_password("sandi-budi", users.load_users(path)["budi"].password_hash)
    no_unit = _eperf_users(path, *args, "--password", "sandi-budi")
    assert no_unit.exit_code == 2
    assert "needs --unit" in no_unit.stderr
    assert _eperf_users(path, *args, "--unit", "X", "--password", "pendek").exit_code == 2
    listed = _eperf_users(path, "list")
    assert listed.exit_code == 0
    assert "budi\tPIMPINAN\tDITJEN-REHSOS" in listed.stdout
    assert _eperf_users(path, "remove", "--username", "budi").exit_code == 0
    assert users.load_users(path) == {}


def test_command_line_prompts_for_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["sandi-rahasia", "sandi-rahasia"])
    monkeypatch.setattr(users.getpass, "getpass", lambda prompt: next(answers))
    path = tmp_path / "users.toml"
    assert _eperf_users(path, "add", "--username", "mm", "--role", "MENTERI").exit_code == 0
    assert users.verify_password("sandi-rahasia", users.load_users(path)["mm"].password_hash)


def test_removing_an_unknown_account_and_reading_no_file(tmp_path: Path) -> None:
    path = tmp_path / "users.toml"
    missing = _eperf_users(path, "list")
    assert missing.exit_code == 2
    assert missing.stderr.startswith("error: ")
    users.add_user(path, "siti", users.Role.PEGAWAI, "sandi-siti", nip="198502022010012002")
    unknown = _eperf_users(path, "remove", "--username", "budi")
    assert (unknown.exit_code, unknown.stdout) == (1, "budi not found\n")
    assert set(users.load_users(path)) == {"siti"}


def test_the_file_defaults_to_the_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("EPERF_USERS_FILE", str(tmp_path / "named.toml"))
    result = runner.invoke(
        app, ["users", "add", "--username", "mm", "--role", "MENTERI", "--password", "sandi-mm!"]
    )
    assert result.exit_code == 0
    assert set(users.load_users(tmp_path / "named.toml")) == {"mm"}


def test_the_module_entry_point_is_gone() -> None:
    assert not hasattr(users, "main")
