"""The session cookie, the sign-in throttle by username and address, and the sign-in events of
the audit log: unit tests, then the whole app (AppTest) with the browser's cookie and address
given through ``auth.request_cookie`` and ``auth.client_address`` (AppTest has no browser;
tests/browser/test_session_browser.py drives a real one)."""

from __future__ import annotations

import json
import re
import stat
import time
from pathlib import Path

import pytest

from dashboards.lib import auth, session_cookie, users
from dashboards.lib.login_throttle import LoginThrottle, ThrottlePolicy
from eperf import audit
from eperf.config import Settings
from tests.dashboards.conftest import password_of
from tests.dashboards.helpers import new_app, sign_in, submit_login, titles

ATTACKER, OWNER = "203.0.113.66", "10.20.30.40"
POLICY = ThrottlePolicy(
    free_failures=5, address_free_failures=30, delay_seconds=5, max_delay_seconds=900
)


@pytest.fixture(autouse=True)
def _no_revoked_sessions():
    session_cookie.REVOKED.reset()
    yield
    session_cookie.REVOKED.reset()


# --- the throttle ---------------------------------------------------------------------------
def _fail(throttle: LoginThrottle, username: str, address: str, now: float, times: int = 1):
    wait = None
    for _ in range(times):
        wait = throttle.record_failure(username, address, now, POLICY)
    return wait


def test_the_owner_from_another_address_is_not_delayed() -> None:
    throttle = LoginThrottle()
    _fail(throttle, "menteri", ATTACKER, 0.0, times=50)
    assert throttle.wait("menteri", ATTACKER, 1.0) is not None
    assert throttle.wait("menteri", OWNER, 1.0) is None


def test_the_wait_starts_after_the_free_failures_and_doubles_up_to_the_cap() -> None:
    throttle = LoginThrottle()
    now = 0.0
    assert _fail(throttle, "menteri", ATTACKER, now, times=4) is None  # 4 free failures
    waits = []
    for _ in range(12):
        wait = _fail(throttle, "menteri", ATTACKER, now)
        waits.append(wait.until - now)
        assert wait.scope == "user_address"
        assert throttle.wait("menteri", ATTACKER, wait.until - 0.5) is not None
        now = wait.until  # the attacker tries again as soon as allowed
        assert throttle.wait("menteri", ATTACKER, now) is None
    assert waits == [5, 10, 20, 40, 80, 160, 320, 640, 900, 900, 900, 900]


def test_attempts_while_waiting_do_not_lengthen_the_wait() -> None:
    throttle = LoginThrottle()
    wait = _fail(throttle, "menteri", ATTACKER, 0.0, times=5)
    for second in range(5):
        assert throttle.wait("menteri", ATTACKER, float(second)).until == wait.until
    assert throttle.wait("menteri", ATTACKER, wait.until) is None


def test_spraying_many_usernames_from_one_address_makes_the_address_wait() -> None:
    throttle = LoginThrottle()
    for index in range(29):  # one guess each: no pair reaches its free failures
        assert _fail(throttle, f"user{index}", ATTACKER, 0.0) is None
    wait = _fail(throttle, "user29", ATTACKER, 0.0)
    assert wait is not None and wait.scope == "address" and wait.until == 5.0
    assert throttle.wait("menteri", ATTACKER, 1.0).scope == "address"  # any username
    assert throttle.wait("menteri", OWNER, 1.0) is None  # not another address


def test_success_clears_the_pair_and_quiet_counters_are_forgotten() -> None:
    throttle = LoginThrottle()
    _fail(throttle, "menteri", OWNER, 0.0, times=4)
    throttle.record_success("menteri", OWNER)
    assert _fail(throttle, "menteri", OWNER, 1.0, times=4) is None  # counting from zero
    wait = _fail(throttle, "menteri", OWNER, 2.0)
    assert wait.until == 7.0
    later = wait.until + POLICY.max_delay_seconds  # quiet for the longest wait
    assert _fail(throttle, "menteri", OWNER, later) is None  # a first failure again


def test_the_client_address_believes_only_the_trusted_proxies() -> None:
    # One trusted proxy: the client wrote 6.6.6.6 and the proxy appended the address it saw.
    # Two: the outer proxy wrote 6.6.6.6, the inner one the outer one's address.
    forged = "6.6.6.6, 198.51.100.7"
    assert auth.address_of(forged, "10.0.0.2", 0) == "10.0.0.2"  # no proxy: the header is ignored
    assert auth.address_of(forged, "10.0.0.2", 1) == "198.51.100.7"
    assert auth.address_of(forged, "10.0.0.2", 2) == "6.6.6.6"
    assert auth.address_of("198.51.100.7", "10.0.0.2", 2) == "10.0.0.2"  # fewer than trusted
    assert auth.address_of(None, None, 1) == auth.LOCAL_ADDRESS


def test_concurrent_first_sessions_share_one_key(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    settings = _settings(tmp_path)
    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: session_cookie.signing_key(settings), range(32)))
    assert len(keys) == 1
    assert [p.name for p in settings.data_dir.iterdir()] == [session_cookie.KEY_FILE]


# --- the cookie -----------------------------------------------------------------------------
def _settings(tmp_path: Path, **changes) -> Settings:
    from dataclasses import replace

    return replace(Settings.from_env({"EPERF_DATA_DIR": str(tmp_path / "data")}), **changes)


def _claims(password_hash: str = "$2b$04$abc", signed_in_at: float | None = None):
    return session_cookie.SessionClaims(
        username="menteri",
        session_id=session_cookie.new_session_id(),
        signed_in_at=float(int(time.time())) if signed_in_at is None else signed_in_at,
        password_digest=session_cookie.password_digest(password_hash),
    )


def test_cookie_round_trip(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    claims = _claims()
    token = session_cookie.issue(claims, settings)
    assert session_cookie.read(token, settings, 60, time.time()) == claims
    assert "$2b$" not in token and "menteri" not in token.split(".")[-1]


def test_a_tampered_cookie_is_refused(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    token = session_cookie.issue(_claims(), settings)
    payload, rest = token.split(".", 1)
    forged_payload = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB")
    for forged in (forged_payload + "." + rest, token[:-2] + "xx", "", "garbage", "a.b.c"):
        assert session_cookie.read(forged, settings, 60, time.time()) is None
    other_key = _settings(tmp_path, session_secret="another-key")
    assert session_cookie.read(token, other_key, 60, time.time()) is None


def test_an_expired_cookie_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings(tmp_path)
    signed = time.time()
    token = session_cookie.issue(_claims(), settings)
    monkeypatch.setattr(time, "time", lambda: signed + 61)  # itsdangerous reads the clock
    assert session_cookie.read(token, settings, 60, signed + 61) is None
    assert session_cookie.read(token, settings, 120, signed + 61) is not None


def test_a_session_past_its_hours_is_refused_even_when_freshly_signed(tmp_path: Path) -> None:
    settings = _settings(tmp_path, session_max_hours=12.0)
    now = time.time()
    token = session_cookie.issue(_claims(signed_in_at=now - 12 * 3600 - 1), settings)
    assert session_cookie.read(token, settings, 60, now) is None


def test_a_revoked_session_is_refused(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    claims = _claims()
    token = session_cookie.issue(claims, settings)
    now = time.time()
    session_cookie.REVOKED.revoke(claims.session_id, now + 60, now)
    assert session_cookie.read(token, settings, 60, now) is None


def test_the_key_is_generated_once_with_mode_600(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    key = session_cookie.signing_key(settings)
    path = settings.data_dir / session_cookie.KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(key) == 64 and session_cookie.signing_key(settings) == key
    path.chmod(0o644)
    assert session_cookie.signing_key(settings) == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert session_cookie.signing_key(_settings(tmp_path, session_secret="s3cret")) == "s3cret"


def test_the_cookie_script_sets_a_strict_cookie_and_clears_it() -> None:
    script = session_cookie.set_cookie_script("abc.def-_", 1800)
    assert '"eperf_session=" + "abc.def-_"' in script
    assert "Max-Age=1800; Path=/; SameSite=Strict" in script
    assert 'protocol === "https:" ? "; Secure"' in script
    assert "Max-Age=0" in session_cookie.clear_cookie_script()


# --- the whole app --------------------------------------------------------------------------
class Browser:
    """What AppTest lacks: the cookie jar and the client address of one browser."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, address: str = OWNER) -> None:
        self.cookie: str | None = None
        self.address = address
        monkeypatch.setattr(auth, "request_cookie", lambda: self.cookie)
        monkeypatch.setattr(auth, "client_address", lambda settings=None: self.address)

    def keep_cookie_of(self, at) -> None:
        """The cookie the page's script set (the value the session last signed)."""
        self.cookie = at.session_state[auth.COOKIE_KEY][0]


def test_a_session_survives_a_reload_and_a_new_tab(
    serving_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = Browser(monkeypatch)
    first = sign_in("menteri")
    browser.keep_cookie_of(first)
    reloaded = new_app().run()  # a reload is a new Streamlit session
    assert titles(reloaded) == ["Ringkasan"]
    assert reloaded.session_state[auth.USER_KEY] == "menteri"
    tab = new_app({"unit": "SETJEN"}).run()  # a link to a unit, opened in a new tab
    assert not tab.exception
    assert titles(tab) == ["Telusuri"] and tab.query_params["unit"] == "SETJEN"


def test_without_a_valid_cookie_a_new_session_is_not_signed_in(
    serving_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = Browser(monkeypatch)
    first = sign_in("menteri")
    browser.keep_cookie_of(first)
    for cookie in (None, "", browser.cookie[:-3] + "abc", "menteri"):
        browser.cookie = cookie
        at = new_app().run()
        assert titles(at) == ["Masuk"] and auth.USER_KEY not in at.session_state, cookie


def test_a_changed_password_or_removed_account_ends_the_cookie_and_the_session(
    serving_dir: Path, users_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = Browser(monkeypatch)
    pimpinan = sign_in("pimpinan-setjen")
    browser.keep_cookie_of(pimpinan)
    users.add_user(users_file, "pimpinan-setjen", *_account("pimpinan-setjen"), rounds=4)
    assert titles(pimpinan.run()) == ["Masuk"]  # the open tab
    assert titles(new_app().run()) == ["Masuk"]  # a reload
    menteri = sign_in("menteri")
    browser.keep_cookie_of(menteri)
    users.remove_user(users_file, "menteri")
    assert titles(new_app().run()) == ["Masuk"]


def _account(username: str):
    from tests.dashboards.conftest import ACCOUNTS

    role, unit, nip = ACCOUNTS[username]
    return role, "a-new-password", unit, nip


def test_sign_out_clears_the_cookie_and_signs_out_the_other_tabs(
    serving_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = Browser(monkeypatch)
    first = sign_in("menteri")
    browser.keep_cookie_of(first)
    tab = new_app().run()
    assert titles(tab) == ["Ringkasan"]
    first.sidebar.button(key="sign_out").click().run()
    assert titles(first) == ["Masuk"]
    assert first.session_state[auth.CLEAR_COOKIE_KEY] is True  # the page clears the cookie
    assert titles(first.run()) == ["Masuk"]  # not signed in again from the old cookie
    assert titles(tab.run()) == ["Masuk"]  # the other tab, at its next run
    assert titles(new_app().run()) == ["Masuk"]  # a copy of the old cookie


def test_an_idle_tab_does_not_sign_out_the_active_one(
    serving_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = Browser(monkeypatch)
    idle = sign_in("menteri")
    browser.keep_cookie_of(idle)
    active = new_app().run()
    idle.session_state[auth.LAST_SEEN_KEY] = time.time() - 31 * 60
    assert titles(idle.run()) == ["Masuk"]
    assert titles(active.run()) == ["Ringkasan"]


def test_the_attacker_cannot_lock_the_owner_out(
    serving_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EPERF_LOGIN_DELAY_SECONDS", "600")
    browser = Browser(monkeypatch, address=ATTACKER)
    attacker = new_app().run()
    for _ in range(8):
        submit_login(attacker, "menteri", "tebakan")
    assert "Terlalu banyak percobaan gagal" in attacker.error[0].value
    submit_login(attacker, "menteri", password_of("menteri"))  # even the right password
    assert "Terlalu banyak percobaan gagal" in attacker.error[0].value
    browser.address = OWNER
    owner = submit_login(new_app().run(), "menteri", password_of("menteri"))
    assert titles(owner) == ["Ringkasan"]


def test_the_same_message_whether_the_username_exists_or_not(
    serving_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EPERF_LOGIN_DELAY_SECONDS", "600")
    Browser(monkeypatch, address=ATTACKER)
    messages = {}
    for username in ("menteri", "tidak-ada"):
        at = new_app().run()
        for _ in range(5):
            submit_login(at, username, "tebakan")
        messages[username] = [e.value for e in at.error]
    assert (
        messages["menteri"]
        == messages["tidak-ada"]
        == ["Terlalu banyak percobaan gagal. Coba lagi dalam 600 detik."]
    )
    at = new_app().run()
    at.sidebar.radio(key="lang").set_value("en").run()
    submit_login(at, "menteri", "tebakan")
    assert re.fullmatch(r"Too many failed attempts\. Try again in \d+ seconds\.", at.error[0].value)


def _events(tmp_path: Path) -> list[dict]:
    path = audit.audit_path(tmp_path / "data")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_sign_ins_failures_and_waits_are_in_the_audit_chain(
    serving_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EPERF_LOGIN_FREE_FAILURES", "2")
    browser = Browser(monkeypatch, address=ATTACKER)
    at = new_app().run()
    submit_login(at, " Tidak-Ada", "rahasia-1")
    submit_login(at, "menteri", "rahasia-2")
    submit_login(at, "menteri", "rahasia-3")  # the second failure: the pair waits
    submit_login(at, "menteri", password_of("menteri"))  # refused while waiting
    browser.address = OWNER
    signed_in = sign_in("menteri")
    browser.keep_cookie_of(signed_in)
    new_app().run()  # a reload
    signed_in.sidebar.button(key="sign_out").click().run()
    events = _events(tmp_path)
    rows = [(e["action"], e["subject"], e["actor"], e["address"], e.get("reason")) for e in events]
    assert rows == [
        ("sign_in_failed", "tidak-ada", "anonymous", ATTACKER, "unknown_user"),
        ("sign_in_failed", "menteri", "anonymous", ATTACKER, "wrong_password"),
        ("sign_in_failed", "menteri", "anonymous", ATTACKER, "wrong_password"),
        ("sign_in_throttled", "menteri", "anonymous", ATTACKER, None),
        ("sign_in_failed", "menteri", "anonymous", ATTACKER, "throttled"),
        ("sign_in", "menteri", "menteri", OWNER, None),
        ("session_resumed", "menteri", "menteri", OWNER, None),
        ("sign_out", "menteri", "menteri", OWNER, None),
    ]
    assert events[0]["typed"] == " Tidak-Ada"
    assert events[3]["scope"] == "user_address" and events[3]["wait_seconds"] == 5
    assert events[5]["session_id"] == events[6]["session_id"] == events[7]["session_id"]
    assert audit.data_events(events) == []
    text = audit.audit_path(tmp_path / "data").read_text(encoding="utf-8")
    for secret in ("rahasia", password_of("menteri")):
        assert secret not in text
    found = audit.verify(tmp_path / "data")
    assert found.ok and found.records == len(events)


def test_no_page_renders_raw_html_or_script_but_the_cookie_script() -> None:
    """The cookie is readable by the page's scripts (not HttpOnly): it holds only as long as no
    script but ours runs there, so no dashboard module renders raw HTML or a component."""
    root = Path(auth.__file__).resolve().parents[1]
    raw = ("unsafe_allow_html", "st.html(", "components.v1", "unsafe_allow_javascript")
    found = {
        str(path.relative_to(root)): [marker for marker in raw if marker in path.read_text()]
        for path in root.rglob("*.py")
        if path.name != "auth.py"
    }
    assert {path: markers for path, markers in found.items() if markers} == {}
