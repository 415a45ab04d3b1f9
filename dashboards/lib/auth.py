"""Sign-in, the signed-in session and its cookie, expiry, and the sign-in throttle.

- Accounts come from the users file (dashboards.lib.users); without one the app only explains
  how to create it (deny by default), except in demo mode (``EPERF_DEMO_LOGIN=1``), which
  writes the documented demo accounts if no file exists.
- Passwords are checked with bcrypt; an unknown username costs the same bcrypt check, and every
  refusal shows the same words whether the username exists or not.
- Failed sign-ins make the next attempt wait, per (username, client address) and per address
  (dashboards.lib.login_throttle): someone guessing from one address cannot keep the owner,
  signing in from another, out.
- A session idle for longer than ``EPERF_SESSION_MINUTES`` (default 30) is signed out; so is
  one older than ``EPERF_SESSION_MAX_HOURS``, one whose account was removed or whose password
  changed, and one signed out in another tab of the browser.
- The session survives a reload and opens in new tabs through a signed cookie
  (dashboards.lib.session_cookie), read from the request (``st.context.cookies``) when a new
  browser session starts. Streamlit has no server-side way to set a cookie during a session,
  so a script in the page sets it (``st.html``); it is therefore not HttpOnly. What limits a
  stolen cookie: it is signed (not forgeable), expires after the idle time, dies with a
  password change, is revoked by sign-out, is ``SameSite=Strict`` (``Secure`` over https), and
  Streamlit renders no user-supplied HTML on these pages, so no script but ours runs there.
- Failed sign-ins (reason ``unknown_user``, ``wrong_password``, ``throttled``), each wait
  started, sign-ins, sessions resumed from the cookie and sign-outs go to the audit log
  (eperf.audit, hash-chained), with the client address; never a password.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboards.lib import data, session_cookie, users
from dashboards.lib.access import PageId, Role, Scope, may_open, scope_for
from dashboards.lib.data import org, tukin
from dashboards.lib.i18n import LANGUAGE_KEY, t
from dashboards.lib.login_throttle import LoginThrottle, ThrottlePolicy, Wait
from eperf import audit
from eperf.config import Settings

SESSION_MINUTES_ENV = "EPERF_SESSION_MINUTES"
DEFAULT_SESSION_MINUTES = 30
COOKIE_RESIGN_SECONDS = 60  # the cookie is signed again on activity at most this often
LOCAL_ADDRESS = "local"  # the client address of a connection from this machine
ANONYMOUS = "anonymous"  # the audit actor of an attempt that did not sign in
USER_KEY = "auth_username"
LAST_SEEN_KEY = "auth_last_seen"
SIGNED_IN_AT_KEY = "auth_signed_in_at"
SESSION_ID_KEY = "auth_session_id"
PASSWORD_DIGEST_KEY = "auth_password_digest"
COOKIE_KEY = "auth_cookie"  # (value, signed at) of the cookie this session last set
CLEAR_COOKIE_KEY = "auth_clear_cookie"  # signed out: the next sign-in page clears the cookie
NOTICE_KEY = "auth_notice"  # why the sign-in form is shown again (expired, signed out)
PENDING_PARAMS_KEY = "auth_pending_params"  # query params of the link opened before sign-in
# Checked when the username is unknown, so that case costs one bcrypt check too.
_DUMMY_HASH = "$2b$12$dFTlxOMU.dHnRz0Gq/96Je2neQUSXU3GxEeCbGvTCmeCPIz.ILM9G"


class Outcome(Enum):
    SIGNED_IN = "signed_in"
    FAILED = "failed"
    THROTTLED = "throttled"


@dataclass(frozen=True)
class Attempt:
    """One sign-in attempt: its outcome, the account on success, and the wait in force."""

    outcome: Outcome
    user: users.User | None = None
    wait: Wait | None = None


THROTTLE = LoginThrottle()


def _audit(action: str, subject: str, actor: str, **details: object) -> None:
    audit.record(Settings.from_env().data_dir, action, subject, actor=actor, **details)


def attempt_sign_in(
    accounts: dict[str, users.User],
    username: str,
    password: str,
    address: str = LOCAL_ADDRESS,
    now: float | None = None,
) -> Attempt:
    """Check one sign-in attempt from ``address`` against the accounts, with the throttle;
    every outcome goes to the audit log."""
    now = time.time() if now is None else now
    typed = username[:64]  # the form allows 64 characters; the log keeps no more
    username = username.strip().lower()
    subject = username[:64]
    failed = {"typed": typed, "address": address}
    wait = THROTTLE.wait(username, address, now)
    if wait is not None:
        _audit("sign_in_failed", subject, ANONYMOUS, reason="throttled", **failed)
        return Attempt(Outcome.THROTTLED, wait=wait)
    user = accounts.get(username)
    valid = users.verify_password(password, user.password_hash if user else _DUMMY_HASH)
    if user is not None and valid:
        THROTTLE.record_success(username, address)
        return Attempt(Outcome.SIGNED_IN, user)
    reason = "unknown_user" if user is None else "wrong_password"
    _audit("sign_in_failed", subject, ANONYMOUS, reason=reason, **failed)
    policy = ThrottlePolicy.from_settings(Settings.from_env())
    wait = THROTTLE.record_failure(username, address, now, policy)
    if wait is None:
        return Attempt(Outcome.FAILED)
    _audit(
        "sign_in_throttled",
        subject,
        ANONYMOUS,
        address=address,
        scope=wait.scope,
        wait_seconds=wait.seconds_left(now),
    )
    return Attempt(Outcome.THROTTLED, wait=wait)


def authenticate(
    accounts: dict[str, users.User],
    username: str,
    password: str,
    now: float | None = None,
    address: str = LOCAL_ADDRESS,
) -> tuple[Outcome, users.User | None]:
    """Check one sign-in attempt: (outcome, the account when signed in)."""
    attempt = attempt_sign_in(accounts, username, password, address, now)
    return attempt.outcome, attempt.user


def client_address(settings: Settings | None = None) -> str:
    """The client's address of this browser session (see :func:`address_of`)."""
    hops = (settings or Settings.from_env()).trusted_proxy_hops
    forwarded = st.context.headers.get("X-Forwarded-For") if hops else None
    peer = st.context.ip_address
    return address_of(
        forwarded if isinstance(forwarded, str) else None,
        peer if isinstance(peer, str) else None,
        hops,
    )


def address_of(forwarded: str | None, peer: str | None, trusted_proxy_hops: int) -> str:
    """The entry of ``X-Forwarded-For`` that the last ``trusted_proxy_hops`` proxies added
    (``EPERF_TRUSTED_PROXY_HOPS``), else the connection's address (``local`` from this
    machine). Without trusted proxies the header is ignored: a client can write anything in it,
    and only the entries our own proxies appended can be believed."""
    if trusted_proxy_hops and forwarded:
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if len(entries) >= trusted_proxy_hops:
            return entries[-trusted_proxy_hops][:64]
    return peer or LOCAL_ADDRESS


def request_cookie() -> str | None:
    """The session cookie the browser sent when this browser session connected."""
    value = st.context.cookies.get(session_cookie.COOKIE_NAME)
    return value if isinstance(value, str) else None  # (no browser: no cookies)


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
    """End this browser session's sign-in (expired, account removed, …), keeping the cookie:
    another tab of the browser may still be active and sign it again."""
    _clear_session()
    if notice:
        st.session_state[NOTICE_KEY] = notice


def sign_out_everywhere() -> None:
    """The sign-out button: revoke the session id (other tabs of the browser and any copy of
    the cookie stop working) and clear the cookie."""
    username = st.session_state.get(USER_KEY)
    session_id = st.session_state.get(SESSION_ID_KEY)
    if session_id:
        now = time.time()
        # A cookie signed up to now stays valid for the idle time: revoke it that long.
        session_cookie.REVOKED.revoke(session_id, now + session_minutes() * 60 + 60, now)
    if username:
        _audit("sign_out", username, username, address=client_address(), session_id=session_id)
    sign_out(t("signed_out"))
    st.session_state[CLEAR_COOKIE_KEY] = True


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
    """The signed-in session, or None (never signed in, expired, revoked, or the account was
    removed or its password changed). A new browser session resumes from the cookie."""
    if USER_KEY not in st.session_state and not _resume_from_cookie():
        return None
    now = time.time()
    if now - float(st.session_state.get(LAST_SEEN_KEY, 0)) > session_minutes() * 60:
        sign_out(t("session_expired", minutes=session_minutes()))
        return None
    max_hours = Settings.from_env().session_max_hours
    if now - float(st.session_state.get(SIGNED_IN_AT_KEY, now)) > max_hours * 3600:
        sign_out(t("session_too_long", hours=f"{max_hours:g}"))
        return None
    session_id = st.session_state.get(SESSION_ID_KEY)
    if session_id and session_cookie.REVOKED.is_revoked(session_id, now):
        sign_out(t("signed_out"))  # signed out in another tab
        return None
    user = _account(st.session_state[USER_KEY])
    digest = st.session_state.get(PASSWORD_DIGEST_KEY)
    if user is None or (digest and digest != session_cookie.password_digest(user.password_hash)):
        sign_out()
        return None
    st.session_state[LAST_SEEN_KEY] = now
    return Session(user, scope_for(user.role, user.unit_id, user.nip))


def _account(username: str) -> users.User | None:
    try:
        return users.load_users(users.users_file()).get(username)
    except (OSError, users.UsersFileError):
        return None


def _start_session(user: users.User, session_id: str, signed_in_at: float) -> None:
    st.session_state[USER_KEY] = user.username
    st.session_state[LAST_SEEN_KEY] = time.time()
    st.session_state[SIGNED_IN_AT_KEY] = signed_in_at
    st.session_state[SESSION_ID_KEY] = session_id
    st.session_state[PASSWORD_DIGEST_KEY] = session_cookie.password_digest(user.password_hash)


def _resume_from_cookie() -> bool:
    """Sign in from a valid cookie (a reload, a new tab); False when there is none."""
    token = request_cookie()
    if not token or st.session_state.get(CLEAR_COOKIE_KEY):
        return False
    now = time.time()
    claims = session_cookie.read(token, Settings.from_env(), session_minutes() * 60, now)
    if claims is None:
        return False
    user = _account(claims.username)
    if user is None or session_cookie.password_digest(user.password_hash) != claims.password_digest:
        return False
    _start_session(user, claims.session_id, claims.signed_in_at)
    # Land where the link pointed, as after signing in with the form.
    st.session_state[PENDING_PARAMS_KEY] = st.query_params.to_dict()
    _audit(
        "session_resumed",
        user.username,
        user.username,
        address=client_address(),
        session_id=claims.session_id,
    )
    return True


def sign_in_page() -> None:
    """The sign-in form (the only page before sign-in): no data is read here."""
    if PENDING_PARAMS_KEY not in st.session_state:
        st.session_state[PENDING_PARAMS_KEY] = st.query_params.to_dict()
    if st.session_state.get(CLEAR_COOKIE_KEY):
        st.html(session_cookie.clear_cookie_script(), unsafe_allow_javascript=True)
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
    address = client_address()
    now = time.time()
    attempt = attempt_sign_in(accounts, username, password, address, now)
    if attempt.wait is not None:
        seconds = attempt.wait.seconds_left(now)
        st.error(t("login_wait", seconds=seconds), icon=":material/lock_clock:")
    elif attempt.user is None:
        st.error(t("login_failed"), icon=":material/error:")
    else:
        _signed_in(attempt.user, address, now)


def _signed_in(user: users.User, address: str, now: float) -> None:
    pending = st.session_state.get(PENDING_PARAMS_KEY, {})
    _clear_session()
    st.session_state[PENDING_PARAMS_KEY] = pending
    session_id = session_cookie.new_session_id()
    _start_session(user, session_id, now)
    _audit("sign_in", user.username, user.username, address=address, session_id=session_id)
    st.rerun()


def _keep_cookie(session: Session) -> None:
    """Set the session cookie, signed again after a minute of use (idle expiry)."""
    now = time.time()
    value, signed_at = st.session_state.get(COOKIE_KEY, (None, 0.0))
    if value is None or now - signed_at >= COOKIE_RESIGN_SECONDS:
        claims = session_cookie.SessionClaims(
            username=session.user.username,
            session_id=st.session_state.setdefault(SESSION_ID_KEY, session_cookie.new_session_id()),
            signed_in_at=float(st.session_state.setdefault(SIGNED_IN_AT_KEY, now)),
            password_digest=session_cookie.password_digest(session.user.password_hash),
        )
        value, signed_at = session_cookie.issue(claims, Settings.from_env()), now
        st.session_state[COOKIE_KEY] = (value, signed_at)
    script = session_cookie.set_cookie_script(value, session_minutes() * 60)
    st.html(script, unsafe_allow_javascript=True)


def account_sidebar(session: Session, on_sign_out: Callable[[], None] | None = None) -> None:
    """Who is signed in, in which role, and the sign-out button; keeps the session cookie."""
    with st.sidebar:
        _keep_cookie(session)
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
            on_click=on_sign_out or sign_out_everywhere,
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
