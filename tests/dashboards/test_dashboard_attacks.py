"""Attacks on access control, each a test that fails if the attack works (AppTest over the whole
app, and the data layer directly). Complements test_dashboard_access.py (sign-in, lockout,
expiry, page lists): here every role tampers with every URL parameter on every page it has, types
SQL into every text box, and the roles without personal data call every data function with
every unit, NIP and search they can think of.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboards.lib import auth, data, users
from dashboards.lib.access import ROLE_PAGES, Role, scope_for
from tests.dashboards.conftest import ACCOUNTS, EMPLOYEES, NIP, ORG_UNITS, password_of
from tests.dashboards.helpers import (
    APP,
    PAGE_FILES,
    new_app,
    open_page,
    personal_data_in,
    sign_in,
    submit_login,
    titles,
)

SQL = ("' OR 1=1 --", "x'; DROP TABLE dim_employee; --", "%", "KEMENSOS/%", "1980%' --")
# Per account: the employees whose NIP or name must never reach it.
FORBIDDEN = {
    "menteri": "",
    "pimpinan-setjen": "FGH",
    "pimpinan-rehsos": "ABCDEH",
    "perencana-setjen": "ABCDEFGH",
    "evaluator": "ABCDEFGH",
    "pegawai-b": "ACDEFGH",
    "admin": "ABCDEFGH",
}
# Every unit and employee of the fixture and hostile text, in each URL parameter at once.
TAMPERING = [
    {"unit": unit, "nip": NIP[key], "period": period}
    for (unit, *_), key, period in zip(ORG_UNITS, "FGABCH", ["2025-01", "2025-02"] * 3, strict=True)
] + [
    {"unit": SQL[0], "nip": SQL[1], "period": "2025-01' OR 1=1 --"},
    {"unit": SQL[3], "nip": SQL[2], "period": "9999-99"},
]


def _assert_sign_in_only(at: AppTest) -> None:
    assert not at.exception
    assert titles(at) == ["Masuk"]
    assert not at.metric and not at.dataframe and not at.sidebar.selectbox
    assert personal_data_in(at) == []


@pytest.mark.parametrize("page", sorted(PAGE_FILES))
def test_every_page_unauthenticated_shows_no_data(serving_dir: Path, page: str) -> None:
    for params in TAMPERING[:2] + TAMPERING[-2:]:
        # The page file run on its own (as if its URL were opened without a session) …
        direct = AppTest.from_file(str(APP.parent / PAGE_FILES[page]), default_timeout=30)
        direct.query_params.update(params)
        direct.run()
        assert not direct.exception
        assert [e.value for e in direct.error] == [
            "Akses ditolak: peran Anda tidak dapat membuka halaman ini."
        ]
        assert not direct.metric and not direct.dataframe
        assert personal_data_in(direct) == []
        # … and the app opened with the page's parameters: only the sign-in form.
        _assert_sign_in_only(new_app({**params, "page": page}).run())


@pytest.mark.parametrize("username", sorted(ACCOUNTS))
def test_url_tampering_never_widens_the_scope(serving_dir: Path, username: str) -> None:
    forbidden = FORBIDDEN[username]
    at = sign_in(username)
    for page in ROLE_PAGES[ACCOUNTS[username][0]]:
        for params in TAMPERING:
            open_page(at, page.value, params)
            assert not at.exception, (username, page, params, at.exception)
            leaked = personal_data_in(at, forbidden) if forbidden else []
            assert leaked == [], (username, page, params)


@pytest.mark.parametrize("username", sorted(ACCOUNTS))
def test_sql_in_every_text_box_is_only_text(serving_dir: Path, username: str) -> None:
    forbidden = FORBIDDEN[username]
    at = sign_in(username)
    boxes_seen = 0
    for page in ROLE_PAGES[ACCOUNTS[username][0]]:
        open_page(at, page.value)
        keys = [box.key for box in at.text_input]
        boxes_seen += len(keys)
        for key in keys:
            for text in SQL:
                at.text_input(key=key).input(text).run()
                assert not at.exception, (username, page, key, text)
                assert not at.error, (username, page, key, text)
                leaked = personal_data_in(at, forbidden) if forbidden else []
                assert leaked == [], (username, page, key, text)
    # The employee search (Pegawai page) is offered to the roles that may pick an employee.
    has_search = ACCOUNTS[username][0] in (Role.MENTERI, Role.PIMPINAN)
    assert boxes_seen >= (1 if has_search else 0)


def _frames(result: object) -> list[pd.DataFrame]:
    if isinstance(result, pd.DataFrame):
        return [result]
    if isinstance(result, tuple | list):
        return [f for item in result for f in _frames(item)]
    return []


def _personal_values(frames: list[pd.DataFrame]) -> set[str]:
    secrets = {v for pair in EMPLOYEES.values() for v in pair}
    found = set()
    for frame in frames:
        for value in frame.to_numpy(dtype=object).ravel():
            found |= {s for s in secrets if s in str(value)}
    return found


def _data_functions() -> dict[str, Callable]:
    """Every public function of the data layer's subject modules that takes a release and a
    scope (cached ones included)."""
    found: dict[str, Callable] = {}
    for info in pkgutil.iter_modules(data.__path__):
        module = importlib.import_module(f"{data.__name__}.{info.name}")
        for name, func in inspect.getmembers(module, callable):
            if name.startswith("_") or inspect.isclass(func):
                continue
            if getattr(func, "__module__", None) != module.__name__:
                continue
            if list(inspect.signature(func).parameters)[:2] == ["release", "scope"]:
                found[f"{info.name}.{name}"] = func
    return found


@pytest.mark.parametrize("role", [Role.EVALUATOR_RB, Role.PERENCANA, Role.ADMIN_DATA])
def test_roles_without_personal_data_get_none_from_any_data_function(
    serving_dir: Path, role: Role
) -> None:
    """Every public function of the data layer, with every unit, NIP and search of the fixture
    and hostile text: not one NIP or name comes back."""
    release = data.current_release()
    units = [u for u, *_ in ORG_UNITS] + list(SQL)
    nips = list(NIP.values()) + list(SQL)
    candidates = {
        "unit_id": units,
        "parent_unit_id": [None, *units],
        "from_unit_id": units,
        "to_unit_id": units[::-1],
        "moved_fte": [1.0],
        "nip": nips,
        "period": ["2025-01", "2025-02", SQL[0]],
        "search": ["", "Budi", NIP["A"][:6], *SQL],
        "performance_axis": ["HIGH", "MID", "LOW", SQL[0]],
        "behaviour_axis": ["MID", "HIGH", "LOW", SQL[0]],
    }
    functions = _data_functions()
    assert {"tukin.employee_month", "staffing.what_if", "quality.quarantined_rows"} <= set(
        functions
    )
    leaked: dict[str, set[str]] = {}
    for unit in ("KEMENSOS", "SETJEN", "REHSOS"):
        scope = scope_for(role, unit, NIP["A"])
        for name, func in functions.items():
            params = list(inspect.signature(func).parameters)
            wanted = [p for p in params[2:] if p in candidates]
            for values in _combinations([candidates[p] for p in wanted]):
                arguments = dict(zip(wanted, values, strict=True))
                if "from_unit_id" in arguments and arguments["from_unit_id"] == arguments.get(
                    "to_unit_id"
                ):
                    continue  # refused before any query
                found = _personal_values(_frames(func(release, scope, **arguments)))
                if found:
                    leaked.setdefault(name, set()).update(found)
    assert leaked == {}


def _combinations(lists: list[list]) -> list[tuple]:
    """Each value of each list at least once, with the others at their first value (bounded)."""
    if not lists:
        return [()]
    base = [values[0] for values in lists]
    out = {tuple(base)}
    for i, values in enumerate(lists):
        for value in values:
            out.add(tuple(base[:i] + [value] + base[i + 1 :]))
    return list(out)


def test_brute_force_with_username_variants_hits_the_same_wait(
    serving_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EPERF_LOGIN_DELAY_SECONDS", "60")  # longer than this test runs
    at = new_app().run()
    for variant in ("menteri", "MENTERI", " Menteri", "menteri ", "MeNtErI"):
        submit_login(at, variant, "tebakan")
    assert "Terlalu banyak percobaan gagal" in at.error[0].value
    submit_login(at, "menteri", password_of("menteri"))
    assert "Terlalu banyak percobaan gagal" in at.error[0].value
    assert auth.USER_KEY not in at.session_state


def test_a_waiting_pair_stays_refused_for_the_wait(
    serving_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EPERF_LOGIN_DELAY_SECONDS", "60")
    accounts = users.load_users(users.users_file())
    now = time.time()
    for _ in range(5):  # EPERF_LOGIN_FREE_FAILURES' default
        auth.authenticate(accounts, "pimpinan-setjen", "x", now=now, address="203.0.113.9")
    for attempt in range(20):  # an attacker keeps trying, even with the right password
        outcome, user = auth.authenticate(
            accounts,
            "pimpinan-setjen",
            password_of("pimpinan-setjen"),
            now=now + attempt,
            address="203.0.113.9",
        )
        assert outcome is auth.Outcome.THROTTLED and user is None
    # … which does not lengthen the wait, nor reach the owner at another address.
    right = password_of("pimpinan-setjen")
    owner = auth.authenticate(accounts, "pimpinan-setjen", right, now=now + 1, address="10.1.2.3")
    assert owner[0] is auth.Outcome.SIGNED_IN
    after = auth.authenticate(
        accounts, "pimpinan-setjen", right, now=now + 60, address="203.0.113.9"
    )
    assert after[0] is auth.Outcome.SIGNED_IN


def test_expired_session_with_a_deep_link_shows_nothing(serving_dir: Path) -> None:
    at = sign_in("menteri")
    at.session_state[auth.LAST_SEEN_KEY] = time.time() - (auth.DEFAULT_SESSION_MINUTES + 1) * 60
    at.query_params.update({"unit": "BIRO_UMUM", "nip": NIP["A"], "period": "2025-02"})
    _assert_sign_in_only(at.run())
    assert auth.USER_KEY not in at.session_state


def test_a_forged_username_in_the_session_is_not_trusted(serving_dir: Path) -> None:
    """A session naming an account that does not exist (or no longer does) is signed out."""
    at = new_app()
    at.session_state[auth.USER_KEY] = "root"
    at.session_state[auth.LAST_SEEN_KEY] = time.time()
    _assert_sign_in_only(at.run())


def test_views_of_personal_data_are_in_the_chained_audit_log(
    serving_dir: Path, tmp_path: Path
) -> None:
    """Who viewed whose statement, when: recorded for each view, in a chain that verifies."""
    from datetime import UTC, datetime

    from eperf import audit

    started = datetime.now(UTC)
    for username, key in (("menteri", "F"), ("pimpinan-setjen", "A"), ("menteri", "G")):
        at = open_page(sign_in(username), "pegawai", {"nip": NIP[key], "period": "2025-02"})
        assert not at.exception
    data_dir = tmp_path / "data"
    chained = [json.loads(line) for line in audit.audit_path(data_dir).read_text().splitlines()]
    events = audit.data_events(chained)  # the sign-ins are in the same chain
    assert [(e["actor"], e["action"], e["subject"], e["period"]) for e in events] == [
        ("menteri", "view_statement", NIP["F"], "2025-02"),
        ("pimpinan-setjen", "view_statement", NIP["A"], "2025-02"),
        ("menteri", "view_statement", NIP["G"], "2025-02"),
    ]
    assert all(datetime.fromisoformat(e["at"]) >= started for e in events)
    found = audit.verify(data_dir)
    assert found.ok and found.records == len(chained) == 3 + 3  # 3 views, 3 sign-ins
