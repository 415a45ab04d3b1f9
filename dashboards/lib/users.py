"""Dashboard accounts: the users file and bcrypt password hashes (``eperf users`` manages them).

The file is TOML, named by ``EPERF_USERS_FILE`` (default ``<EPERF_DATA_DIR>/users.toml``, which
``.gitignore`` keeps out of git); ``dashboards/users.example.toml`` shows its shape. Passwords
are stored only as bcrypt hashes. Create an account with::

    eperf users add --username budi --role PIMPINAN --unit DITJEN-REHSOS

(prompts for the password; ``--password`` for scripts). No Streamlit here.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import bcrypt

from dashboards.lib.access import ROLES_NEEDING_NIP, ROLES_NEEDING_UNIT, Role
from eperf.config import Settings

USERS_FILE_ENV = "EPERF_USERS_FILE"
DEMO_LOGIN_ENV = "EPERF_DEMO_LOGIN"
BCRYPT_ROUNDS = 12
MAX_PASSWORD_BYTES = 72  # bcrypt ignores (5.0: rejects) anything longer
MIN_PASSWORD_CHARS = 8  # for `add`; the demo accounts are exempt and say so
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
UNIT_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
NIP_PATTERN = re.compile(r"^[0-9]{8,20}$")

# The demo accounts `EPERF_DEMO_LOGIN=1` creates (password = username). Documented in
# dashboards/users.example.toml and dashboards/README.md; never for production.
DEMO_REHSOS_UNIT = "DITJEN-REHSOS"


class UsersFileError(ValueError):
    """The users file exists but cannot be read as a users file."""


@dataclass(frozen=True)
class User:
    username: str
    role: Role
    password_hash: str
    unit_id: str | None = None
    nip: str | None = None
    display_name: str | None = None


def users_file(settings: Settings | None = None) -> Path:
    """Where the accounts live: ``EPERF_USERS_FILE`` or ``<EPERF_DATA_DIR>/users.toml``."""
    settings = settings or Settings.from_env()
    return settings.users_file or settings.data_dir / "users.toml"


def demo_login_enabled(settings: Settings | None = None) -> bool:
    """``EPERF_DEMO_LOGIN`` is 1, true or yes."""
    return (settings or Settings.from_env()).demo_login


def hash_password(password: str, rounds: int = BCRYPT_ROUNDS) -> str:
    encoded = password.encode("utf-8")
    if not encoded or len(encoded) > MAX_PASSWORD_BYTES:
        raise ValueError(f"password must be 1–{MAX_PASSWORD_BYTES} bytes")
    return bcrypt.hashpw(encoded, bcrypt.gensalt(rounds=rounds)).decode("ascii")


def verify_password(password: str, password_hash: str) -> bool:
    """bcrypt check; False (never an exception) for an empty, too long or malformed input."""
    encoded = password.encode("utf-8")
    if not encoded or len(encoded) > MAX_PASSWORD_BYTES:
        return False
    try:
        return bcrypt.checkpw(encoded, password_hash.encode("ascii"))
    except ValueError:
        return False


def _user_from_entry(username: str, entry: object) -> User | None:
    """One ``[users.<name>]`` table as a User; None when it is incomplete (deny, don't guess)."""
    if not isinstance(entry, dict) or not USERNAME_PATTERN.match(username):
        return None
    try:
        role = Role(str(entry.get("role", "")))
    except ValueError:
        return None
    password_hash = entry.get("password_hash")
    unit_id = entry.get("unit") or None
    nip = entry.get("nip") or None
    if not isinstance(password_hash, str) or not password_hash.startswith("$2"):
        return None
    if role in ROLES_NEEDING_UNIT and not unit_id:
        return None
    if role in ROLES_NEEDING_NIP and not nip:
        return None
    return User(
        username=username,
        role=role,
        password_hash=password_hash,
        unit_id=str(unit_id) if unit_id else None,
        nip=str(nip) if nip else None,
        display_name=entry.get("name") or None,
    )


def load_users(path: Path) -> dict[str, User]:
    """The valid accounts of the file; incomplete entries are left out (they cannot sign in).

    Raises FileNotFoundError when there is no file and UsersFileError when it is not valid TOML.
    """
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise UsersFileError(str(error)) from error
    entries = document.get("users", {})
    if not isinstance(entries, dict):
        raise UsersFileError("[users] must be a table")
    users = {}
    for username, entry in entries.items():
        user = _user_from_entry(username, entry)
        if user is not None:
            users[username] = user
    return users


def _toml_string(value: str) -> str:
    # A JSON string (with \uXXXX escapes) is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=True)


def render_users(users: Sequence[User]) -> str:
    lines = [
        "# e-Performance dashboard accounts (bcrypt hashes). Written by",
        "# `eperf users`; keep this file out of git.",
    ]
    for user in sorted(users, key=lambda u: u.username):
        lines += ["", f"[users.{_toml_string(user.username)}]"]
        lines.append(f"role = {_toml_string(user.role.value)}")
        if user.unit_id:
            lines.append(f"unit = {_toml_string(user.unit_id)}")
        if user.nip:
            lines.append(f"nip = {_toml_string(user.nip)}")
        if user.display_name:
            lines.append(f"name = {_toml_string(user.display_name)}")
        lines.append(f"password_hash = {_toml_string(user.password_hash)}")
    return "\n".join(lines) + "\n"


def _write_new(path: Path, text: str, exclusive: bool) -> bool:
    """Write ``text`` to a temporary file (mode 600), then move it into place: atomically
    replacing ``path``, or, with ``exclusive``, only if ``path`` does not exist yet."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    try:
        if not exclusive:
            os.replace(tmp, path)
            return True
        try:
            os.link(tmp, path)  # fails if another process created the file first
        except FileExistsError:
            return False
        return True
    finally:
        tmp.unlink(missing_ok=True)


def validate_account(role: Role, unit_id: str | None, nip: str | None) -> None:
    if role in ROLES_NEEDING_UNIT and not unit_id:
        raise ValueError(f"role {role} needs --unit (the root of the unit subtree it sees)")
    if role in ROLES_NEEDING_NIP and not nip:
        raise ValueError(f"role {role} needs --nip (the employee's own NIP)")
    if unit_id and not UNIT_PATTERN.match(unit_id):
        raise ValueError(f"invalid unit id: {unit_id!r}")
    if nip and not NIP_PATTERN.match(nip):
        raise ValueError(f"invalid NIP: {nip!r}")


def add_user(
    path: Path,
    username: str,
    role: Role,
    password: str,
    unit_id: str | None = None,
    nip: str | None = None,
    display_name: str | None = None,
    rounds: int = BCRYPT_ROUNDS,
) -> User:
    """Add or replace one account in the users file (created with mode 600 if missing)."""
    if not USERNAME_PATTERN.match(username):
        raise ValueError("username: 2–64 of a-z 0-9 . _ - , starting with a letter or digit")
    validate_account(role, unit_id, nip)
    users = load_users(path) if path.exists() else {}
    user = User(username, role, hash_password(password, rounds), unit_id, nip, display_name)
    users[username] = user
    _write_new(path, render_users(list(users.values())), exclusive=False)
    return user


def remove_user(path: Path, username: str) -> bool:
    users = load_users(path)
    if users.pop(username, None) is None:
        return False
    _write_new(path, render_users(list(users.values())), exclusive=False)
    return True


def demo_accounts(
    root_unit_id: str | None, pegawai_nip: str | None
) -> list[tuple[str, Role, str | None, str | None]]:
    """(username, role, unit, nip) of the demo accounts; the password is the username."""
    accounts: list[tuple[str, Role, str | None, str | None]] = [
        ("menteri", Role.MENTERI, None, None),
        ("pimpinan-rehsos", Role.PIMPINAN, DEMO_REHSOS_UNIT, None),
        ("perencana-rehsos", Role.PERENCANA, DEMO_REHSOS_UNIT, None),
        ("admin-data", Role.ADMIN_DATA, None, None),
    ]
    if root_unit_id:
        accounts.append(("evaluator-rb", Role.EVALUATOR_RB, root_unit_id, None))
    if pegawai_nip:
        accounts.append(("pegawai", Role.PEGAWAI, None, pegawai_nip))
    return accounts


def create_demo_users(
    path: Path,
    root_unit_id: str | None,
    pegawai_nip: str | None,
    rounds: int = BCRYPT_ROUNDS,
) -> bool:
    """Write the demo accounts, only if no users file exists (never overwrites one)."""
    if path.exists():
        return False
    users = [
        User(name, role, hash_password(name, rounds), unit, nip, None)
        for name, role, unit, nip in demo_accounts(root_unit_id, pegawai_nip)
    ]
    return _write_new(path, render_users(users), exclusive=True)


def read_password(given: str | None) -> str:
    """``given``, else asked for twice without echo (the two must match)."""
    if given is not None:
        return given
    first = getpass.getpass("Kata sandi / password: ")
    if first != getpass.getpass("Ulangi / repeat: "):
        raise ValueError("the two passwords differ")
    return first
