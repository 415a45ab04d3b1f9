"""lib/users.py (the users file, bcrypt; its command: tests/test_users_cli.py), lib/access.py
(scopes) and the demo accounts."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest

from dashboards.lib import access, auth, users
from dashboards.lib.access import PageId, Role
from eperf.config import Settings
from tests.dashboards.conftest import NIP
from tests.dashboards.helpers import new_app, submit_login, titles


def test_hash_and_verify() -> None:
    hashed = users.hash_password("rahasia-123", rounds=4)
    assert hashed.startswith("$2b$04$")
    assert users.verify_password("rahasia-123", hashed)
    assert not users.verify_password("rahasia-124", hashed)
    assert not users.verify_password("", hashed)
    assert not users.verify_password("x" * 73, hashed)  # bcrypt's 72-byte limit
    assert not users.verify_password("rahasia-123", "not-a-hash")
    with pytest.raises(ValueError):
        users.hash_password("x" * 73, rounds=4)


def test_add_load_and_remove(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "users.toml"
    users.add_user(path, "budi", Role.PIMPINAN, "sandi-budi", unit_id="DITJEN-REHSOS", rounds=4)
    users.add_user(path, "siti", Role.PEGAWAI, "sandi-siti", nip=NIP["B"], rounds=4)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = users.load_users(path)
    assert set(loaded) == {"budi", "siti"}
    assert (loaded["budi"].role, loaded["budi"].unit_id) == (Role.PIMPINAN, "DITJEN-REHSOS")
    assert loaded["siti"].nip == NIP["B"]
    assert "sandi-budi" not in path.read_text()
    users.add_user(path, "budi", Role.PERENCANA, "baru-budi", unit_id="SETJEN", rounds=4)
    assert users.load_users(path)["budi"].role is Role.PERENCANA  # replaced, not duplicated
    assert users.remove_user(path, "siti")
    assert not users.remove_user(path, "siti")
    assert set(users.load_users(path)) == {"budi"}


@pytest.mark.parametrize(
    ("username", "role", "unit", "nip"),
    [
        ("Budi Besar", Role.MENTERI, None, None),  # username pattern
        ("budi", Role.PIMPINAN, None, None),  # PIMPINAN needs a unit
        ("budi", Role.EVALUATOR_RB, None, None),
        ("budi", Role.PEGAWAI, None, None),  # PEGAWAI needs a NIP
        ("budi", Role.PEGAWAI, None, "12' OR '1"),
        ("budi", Role.PIMPINAN, "A' OR 1=1 --", None),
    ],
)
def test_add_rejects_incomplete_accounts(
    tmp_path: Path, username: str, role: Role, unit: str | None, nip: str | None
) -> None:
    with pytest.raises(ValueError):
        users.add_user(tmp_path / "users.toml", username, role, "sandi-1234", unit, nip, rounds=4)


def test_incomplete_entries_cannot_sign_in(tmp_path: Path) -> None:
    path = tmp_path / "users.toml"
    good = users.hash_password("sandi", rounds=4)
    path.write_text(
        f"""
[users.ok]
role = "MENTERI"
password_hash = "{good}"
[users.no-unit]
role = "PIMPINAN"
password_hash = "{good}"
[users.bad-role]
role = "RAJA"
password_hash = "{good}"
[users.plain]
role = "MENTERI"
password_hash = "sandi"
""",
        encoding="utf-8",
    )
    assert set(users.load_users(path)) == {"ok"}


def test_users_file_location(tmp_path: Path) -> None:
    named = Settings.from_env({"EPERF_USERS_FILE": str(tmp_path / "u.toml")})
    assert users.users_file(named) == tmp_path / "u.toml"
    default = users.users_file(Settings.from_env({"EPERF_DATA_DIR": str(tmp_path / "data")}))
    assert default == (tmp_path / "data" / "users.toml").resolve()


def test_the_example_file_is_a_valid_users_file() -> None:
    example = Path(__file__).resolve().parents[2] / "dashboards" / "users.example.toml"
    document = tomllib.loads(example.read_text(encoding="utf-8"))
    roles = {entry["role"] for entry in document["users"].values()}
    assert roles == {role.value for role in Role}


def test_scopes_of_the_roles() -> None:
    assert access.scope_for(Role.MENTERI, None, None).all_units
    head = access.scope_for(Role.PIMPINAN, "SETJEN", "1")
    assert (head.unit_id, head.nip, head.may_see_personal, head.all_units) == (
        "SETJEN",
        "1",
        True,
        False,
    )
    planner = access.scope_for(Role.PERENCANA, "SETJEN", "1")
    assert (planner.nip, planner.may_see_personal) == (None, False)
    employee = access.scope_for(Role.PEGAWAI, "SETJEN", "1")
    assert (employee.unit_id, employee.nip, employee.may_see_personal) == (None, "1", False)
    admin = access.scope_for(Role.ADMIN_DATA, "SETJEN", "1")
    assert (admin.unit_id, admin.nip, admin.may_see_quality) == (None, None, True)
    assert access.pages_for(Role.PEGAWAI) == (PageId.PEGAWAI,)
    assert not access.may_open(Role.EVALUATOR_RB, PageId.PEGAWAI)


def test_demo_users_are_created_once(tmp_path: Path) -> None:
    path = tmp_path / "users.toml"
    assert users.create_demo_users(path, "KEMENSOS", NIP["B"], rounds=4)
    accounts = users.load_users(path)
    assert set(accounts) == {
        "menteri",
        "pimpinan-rehsos",
        "perencana-rehsos",
        "evaluator-rb",
        "pegawai",
        "admin-data",
    }
    assert accounts["pimpinan-rehsos"].unit_id == "DITJEN-REHSOS"
    assert accounts["pegawai"].nip == NIP["B"]
    assert users.verify_password("menteri", accounts["menteri"].password_hash)
    before = path.read_text()
    assert not users.create_demo_users(path, "KEMENSOS", NIP["A"], rounds=4)
    assert path.read_text() == before  # never overwrites a users file


def test_demo_login_creates_accounts_from_the_release(
    serving_dir: Path, users_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    users_file.unlink()
    monkeypatch.setenv(users.DEMO_LOGIN_ENV, "1")
    at = new_app().run()
    assert not at.exception
    assert "Mode demo" in at.caption[0].value
    accounts = users.load_users(users_file)
    # The largest deduction of the latest period among those paid at least half: B (3 M).
    assert accounts["pegawai"].nip == NIP["B"]
    assert accounts["evaluator-rb"].unit_id == "KEMENSOS"
    submit_login(at, "pegawai", "pegawai")
    assert titles(at) == ["Slip pegawai"]
    assert at.subheader[0].value.startswith("Siti Rahmawati")


def test_demo_login_leaves_an_existing_users_file_alone(
    serving_dir: Path, users_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(users.DEMO_LOGIN_ENV, "1")
    at = submit_login(new_app().run(), "menteri", "menteri")
    assert at.error[0].value == "Nama pengguna atau kata sandi salah."
    assert "pegawai" not in users.load_users(users_file)
    assert auth.THROTTLE.wait("menteri", auth.LOCAL_ADDRESS, 0) is None


def test_nobody_can_sign_in_with_the_example_file() -> None:
    example = Path(__file__).resolve().parents[2] / "dashboards" / "users.example.toml"
    for user in users.load_users(example).values():
        for guess in (user.username, "password", ""):
            assert not users.verify_password(guess, user.password_hash)
