"""Sign-in, the signed-in session and its expiry, and the lockout after failed attempts.

- Accounts come from the users file (dashboards.lib.users); without one the app only explains
  how to create it (deny by default), except in demo mode (``EPERF_DEMO_LOGIN=1``), which
  writes the documented demo accounts if no file exists.
- Passwords are checked with bcrypt; an unknown username costs the same bcrypt check.
- After ``MAX_FAILURES`` failed attempts in a row a username is locked for
  ``LOCKOUT_MINUTES``. The counters live in this process's memory (``THROTTLE``): they are lost
  on restart and are not shared between several server processes.
- A session idle for longer than ``EPERF_SESSION_MINUTES`` (default 30) is signed out.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboards.lib import data, users
from dashboards.lib.access import PageId, Role, Scope, may_open, scope_for
from dashboards.lib.data import org, tukin
from dashboards.lib.i18n import LANGUAGE_KEY, t
from eperf.config import Settings

MAX_FAILURES = 5
LOCKOUT_MINUTES = 15
MAX_TRACKED_USERNAMES = 10_000
SESSION_MINUTES_ENV = "EPERF_SESSION_MINUTES"
DEFAULT_SESSION_MINUTES = 30
USER_KEY = "auth_username"
LAST_SEEN_KEY = "auth_last_seen"
NOTICE_KEY = "auth_notice"  # why the sign-in form is shown again (expired, signed out)
PENDING_PARAMS_KEY = "auth_pending_params"  # query params of the link opened before sign-in
# Checked when the username is unknown, so that case costs one bcrypt check too.
_DUMMY_HASH = "$2b$12$dFTlxOMU.dHnRz0Gq/96Je2neQUSXU3GxEeCbGvTCmeCPIz.ILM9G"


class Outcome(Enum):
    SIGNED_IN = "signed_in"
    FAILED = "failed"
    LOCKED = "locked"


class LoginThrottle:
    """Failed sign-ins per username, in memory, thread-safe (one Streamlit server process)."""

    def __init__(self, max_failures: int = MAX_FAILURES, lockout_minutes: int = LOCKOUT_MINUTES):
        self.max_failures = max_failures
        self.lockout_seconds = lockout_minutes * 60
        self._lock = threading.Lock()
        self._failures: dict[str, int] = {}
        self._locked_until: dict[str, float] = {}

    def is_locked(self, username: str, now: float) -> bool:
        with self._lock:
            until = self._locked_until.get(username)
            if until is None:
                return False
            if now >= until:  # lock over: start counting again
                del self._locked_until[username]
                self._failures.pop(username, None)
                return False
            return True

    def record_failure(self, username: str, now: float) -> bool:
        """Count a failure; True when it locks the username."""
        with self._lock:
            if len(self._failures) > MAX_TRACKED_USERNAMES:  # bound memory under a flood
                self._failures = {
                    u: n for u, n in self._failures.items() if u in self._locked_until
                }
            failures = self._failures.get(username, 0) + 1
            self._failures[username] = failures
            if failures >= self.max_failures:
                self._locked_until[username] = now + self.lockout_seconds
                return True
            return False

    def record_success(self, username: str) -> None:
        with self._lock:
            self._failures.pop(username, None)

    def reset(self) -> None:
        with self._lock:
            self._failures.clear()
            self._locked_until.clear()


THROTTLE = LoginThrottle()


def authenticate(
    accounts: dict[str, users.User], username: str, password: str, now: float | None = None
) -> tuple[Outcome, users.User | None]:
    """Check one sign-in attempt against the accounts, with the lockout."""
    now = time.time() if now is None else now
    username = username.strip().lower()
    if THROTTLE.is_locked(username, now):
        return Outcome.LOCKED, None
    user = accounts.get(username)
    valid = users.verify_password(password, user.password_hash if user else _DUMMY_HASH)
    if user is not None and valid:
        THROTTLE.record_success(username)
        return Outcome.SIGNED_IN, user
    locked = THROTTLE.record_failure(username, now)
    return (Outcome.LOCKED if locked else Outcome.FAILED), None


def session_minutes() -> int:
    """``EPERF_SESSION_MINUTES`` when it is a positive whole number, else the default."""
    minutes = Settings.from_env().session_minutes
    return minutes if minutes is not None and minutes > 0 else DEFAULT_SESSION_MINUTES


@dataclass(frozen=True)
class Session:
    """The signed-in user of this browser session and the scope of every query they make."""

    user: users.User
    scope: Scope

    def may_open(self, page: PageId) -> bool:
        return may_open(self.user.role, page)


def _clear_session() -> None:
    """Forget everything of the signed-in user but the language choice."""
    for key in list(st.session_state.keys()):
        if key != LANGUAGE_KEY:
            del st.session_state[key]


def sign_out(notice: str | None = None) -> None:
    _clear_session()
    if notice:
        st.session_state[NOTICE_KEY] = notice


def _load_accounts() -> dict[str, users.User] | None:
    """The accounts, or None after showing why there are none (no file, unreadable file)."""
    path = users.users_file()
    if users.demo_login_enabled() and not path.exists():
        _create_demo_accounts(path)
    try:
        return users.load_users(path)
    except FileNotFoundError:
        st.warning(t("no_users_file", path=str(path)), icon=":material/lock:")
    except (OSError, users.UsersFileError) as error:
        st.error(t("bad_users_file", path=str(path), error=str(error)), icon=":material/lock:")
    return None


def _create_demo_accounts(path: Path) -> None:
    """Demo mode: the root unit, and for the PEGAWAI account a real employee of the latest
    period with the largest deduction among those paid at least half their potential (a
    statement with several lines to explain), the first by NIP on a tie."""
    release = data.current_release()
    root_unit, nip = None, None
    if release is not None:
        ministry = scope_for(Role.MENTERI, None, None)
        tops = org.scope_tops(release, ministry)
        root_unit = str(tops["unit_id"].iloc[0]) if len(tops) == 1 else None
        latest = org.periods(release, ministry)[-1:]
        if latest:
            nip = _demo_employee(tukin.employee_options(release, ministry, latest[0]))
    users.create_demo_users(path, root_unit, nip)


def _demo_employee(options: pd.DataFrame) -> str | None:
    withheld = options["tukin_potential_idr"] - options["tukin_net_idr"]
    candidates = options.assign(withheld=withheld)[
        (withheld > 0) & (2 * options["tukin_net_idr"] >= options["tukin_potential_idr"])
    ]
    if candidates.empty:
        return str(options["nip"].min()) if not options.empty else None
    ranked = candidates.sort_values(["withheld", "nip"], ascending=[False, True])
    return str(ranked["nip"].iloc[0])


def current_session() -> Session | None:
    """The signed-in session, or None (never signed in, expired, or the account was removed)."""
    username = st.session_state.get(USER_KEY)
    if username is None:
        return None
    now = time.time()
    if now - float(st.session_state.get(LAST_SEEN_KEY, 0)) > session_minutes() * 60:
        sign_out(t("session_expired", minutes=session_minutes()))
        return None
    try:
        user = users.load_users(users.users_file()).get(username)
    except (OSError, users.UsersFileError):
        user = None
    if user is None:
        sign_out()
        return None
    st.session_state[LAST_SEEN_KEY] = now
    return Session(user, scope_for(user.role, user.unit_id, user.nip))


def sign_in_page() -> None:
    """The sign-in form (the only page before sign-in): no data is read here."""
    if PENDING_PARAMS_KEY not in st.session_state:
        st.session_state[PENDING_PARAMS_KEY] = st.query_params.to_dict()
    notice = st.session_state.get(NOTICE_KEY)
    if notice:
        st.info(notice, icon=":material/schedule:")
    accounts = _load_accounts()
    if accounts is None:
        return
    if users.demo_login_enabled():
        st.caption(t("demo_accounts"))
    with st.form("login", clear_on_submit=True):
        username = st.text_input(t("login_username"), key="login_username", max_chars=64)
        password = st.text_input(
            t("login_password"), type="password", key="login_password", max_chars=128
        )
        submitted = st.form_submit_button(t("login_submit"), key="login_submit", type="primary")
    if not submitted:
        return
    outcome, user = authenticate(accounts, username, password)
    if outcome is Outcome.LOCKED:
        st.error(t("login_locked", minutes=LOCKOUT_MINUTES), icon=":material/lock_clock:")
    elif outcome is Outcome.FAILED:
        st.error(t("login_failed"), icon=":material/error:")
    elif user is not None:
        pending = st.session_state.get(PENDING_PARAMS_KEY, {})
        _clear_session()
        st.session_state[PENDING_PARAMS_KEY] = pending
        st.session_state[USER_KEY] = user.username
        st.session_state[LAST_SEEN_KEY] = time.time()
        st.rerun()


def account_sidebar(session: Session, on_sign_out: Callable[[], None] | None = None) -> None:
    """Who is signed in, in which role, and the sign-out button."""
    with st.sidebar:
        st.caption(
            t(
                "signed_in_as",
                username=session.user.display_name or session.user.username,
                role=t(f"role_{session.user.role.value}"),
            )
        )
        st.button(
            t("sign_out"),
            key="sign_out",
            icon=":material/logout:",
            on_click=on_sign_out or (lambda: sign_out(t("signed_out"))),
        )


def take_pending_params() -> dict[str, str]:
    """The query params of the link opened before sign-in (once), to land where it pointed."""
    return st.session_state.pop(PENDING_PARAMS_KEY, None) or {}


def require_page(session: Session | None, page: PageId) -> Session:
    """Defence in depth for a page: stop the run unless the signed-in role may open it."""
    if session is None or not session.may_open(page):
        st.error(t("page_denied"), icon=":material/block:")
        st.stop()
    return session
