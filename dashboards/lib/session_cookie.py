"""The signed session cookie that keeps a user signed in across reloads and new tabs.

The cookie holds, signed with itsdangerous (HMAC-SHA256 over a key derived from the session
secret, with the time of signing):

- ``u``: the username; ``sid``: a random id of this sign-in (the audit log names it, sign-out
  revokes it); ``iat``: when the user signed in (the absolute limit counts from it);
- ``pw``: a digest of the account's stored bcrypt hash, so a changed password ends every session
  of the account; a removed or incomplete account has no hash and ends them too.

Expiry is idle expiry: the dashboard signs the cookie again on activity (at most once a
minute), and a cookie signed longer than ``EPERF_SESSION_MINUTES`` ago is refused. A session
older than ``EPERF_SESSION_MAX_HOURS`` since sign-in is refused even when active.

The key is ``EPERF_SESSION_SECRET`` or, when unset, 32 random bytes generated once into
``<EPERF_DATA_DIR>/session.key`` (mode 600; never in the repository). No Streamlit here.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from eperf.config import Settings

COOKIE_NAME = "eperf_session"
SALT = "eperf.dashboard.session"
KEY_FILE = "session.key"
MAX_REVOKED = 10_000


@dataclass(frozen=True)
class SessionClaims:
    username: str
    session_id: str
    signed_in_at: float
    password_digest: str


def password_digest(password_hash: str) -> str:
    """A short digest of the stored bcrypt hash (changes when the password does)."""
    return hashlib.sha256(password_hash.encode("utf-8")).hexdigest()[:16]


def new_session_id() -> str:
    return secrets.token_urlsafe(16)


def signing_key(settings: Settings) -> str:
    """``EPERF_SESSION_SECRET``, else the key file under the data dir (created once)."""
    if settings.session_secret:
        return settings.session_secret
    return _key_from_file(settings.data_dir / KEY_FILE)


def _key_from_file(path: Path) -> str:
    """The key in ``path``; created first when missing, written whole before it appears there
    (a temporary file linked into place), so a concurrent reader never sees it half-written."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32) + "\n")
        try:
            os.link(tmp, path)  # fails if another session or process created it first
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    if path.stat().st_mode & 0o077:  # readable by others: tighten before use
        path.chmod(0o600)
    key = path.read_text(encoding="ascii").strip()
    if not key:
        raise ValueError(f"{path} is empty: delete it to generate a new session key")
    return key


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(
        signing_key(settings), salt=SALT, signer_kwargs={"digest_method": hashlib.sha256}
    )


def issue(claims: SessionClaims, settings: Settings) -> str:
    """The cookie value for these claims, signed now."""
    payload = {
        "u": claims.username,
        "sid": claims.session_id,
        "iat": int(claims.signed_in_at),
        "pw": claims.password_digest,
    }
    return _serializer(settings).dumps(payload)


def read(token: str, settings: Settings, idle_seconds: float, now: float) -> SessionClaims | None:
    """The claims of a cookie signed by us within ``idle_seconds``, for a sign-in within
    ``EPERF_SESSION_MAX_HOURS``; None when tampered, expired, malformed or revoked."""
    try:
        payload = _serializer(settings).loads(token, max_age=idle_seconds)
    except (SignatureExpired, BadSignature, ValueError):
        return None
    if not isinstance(payload, dict):
        return None
    try:
        claims = SessionClaims(
            str(payload["u"]), str(payload["sid"]), float(payload["iat"]), str(payload["pw"])
        )
    except (KeyError, TypeError, ValueError):
        return None
    if now - claims.signed_in_at > settings.session_max_hours * 3600:
        return None
    if REVOKED.is_revoked(claims.session_id, now):
        return None
    return claims


class RevokedSessions:
    """Session ids signed out before their cookie expires (a copied cookie stops working, and
    other tabs of the browser sign out). In memory: the cookie's own expiry bounds the rest."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._until: dict[str, float] = {}

    def revoke(self, session_id: str, until: float, now: float) -> None:
        with self._lock:
            if len(self._until) >= MAX_REVOKED:
                self._until = {sid: t for sid, t in self._until.items() if t > now}
            self._until[session_id] = until

    def is_revoked(self, session_id: str, now: float) -> bool:
        with self._lock:
            return self._until.get(session_id, 0.0) > now

    def reset(self) -> None:
        with self._lock:
            self._until.clear()


REVOKED = RevokedSessions()


def set_cookie_script(value: str, max_age_seconds: int) -> str:
    """A script setting the cookie on the app's page (``SameSite=Strict``, ``Path=/``,
    ``Secure`` when served over https). ``value`` is URL-safe base64 with dots, and is passed
    through JSON all the same."""
    return _cookie_script(json.dumps(value), max_age_seconds)


def clear_cookie_script() -> str:
    return _cookie_script('""', 0)


def _cookie_script(quoted_value: str, max_age_seconds: int) -> str:
    return (
        "<script>(function(){"
        'var secure = window.location.protocol === "https:" ? "; Secure" : "";'
        f'document.cookie = "{COOKIE_NAME}=" + {quoted_value} + '
        f'"; Max-Age={int(max_age_seconds)}; Path=/; SameSite=Strict" + secure;'
        "})();</script>"
    )
