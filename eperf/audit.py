"""Append-only, hash-chained audit log of exports, views of personal data, closes and reopens,
and of the dashboard's sign-ins (:data:`SIGN_IN_ACTIONS`).

Grain: one JSON line per event in ``<EPERF_DATA_DIR>/audit/audit.jsonl``. The file is only ever
opened in append mode, under an exclusive ``flock`` (several dashboard sessions and commands may
write at once); nothing in the platform rewrites or truncates it.

Each record carries ``seq`` (1, 2, …), ``prev_hash`` (the previous record's ``hash``; 64 zeros for
the first) and ``hash`` = SHA-256 of the record's canonical JSON without ``hash``. So editing,
deleting or reordering any line breaks the chain at that line. ``audit.head`` holds the last
``seq`` and ``hash`` (replaced atomically after each append), which detects a log cut short at
its end. :func:`verify` (``eperf audit-verify``) checks both. The chain proves integrity against
accidents and casual edits; against someone who may rewrite the whole folder, copy the head hash
elsewhere (e.g. into the period-close minutes).
"""

from __future__ import annotations

import fcntl
import getpass
import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from eperf.config import Settings

GENESIS = "0" * 64
TAIL_BYTES = 65_536  # the last record is found in the file's tail, not by reading it all
# The dashboard's sign-in events (dashboards/lib/auth.py): each with the client ``address``;
# a failed one with the username as typed and its ``reason`` (``unknown_user``,
# ``wrong_password``, ``throttled``), never the password.
SIGN_IN_ACTIONS = frozenset(
    {"sign_in", "sign_in_failed", "sign_in_throttled", "session_resumed", "sign_out"}
)


def audit_path(data_dir: Path) -> Path:
    return data_dir / "audit" / "audit.jsonl"


def head_path(log: Path) -> Path:
    return log.with_name("audit.head")


def record_hash(event: dict) -> str:
    """SHA-256 of the event's canonical JSON, without its own ``hash`` field."""
    body = {k: v for k, v in event.items() if k != "hash"}
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record(data_dir: Path, action: str, subject: str, actor: str | None = None, **details) -> dict:
    """Append one event: who (``actor``, else EPERF_USER or the OS user) did what, to what, when.

    Returns the record written (with its ``seq`` and ``hash``)."""
    path = audit_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    event = {
        "at": datetime.now(UTC).isoformat(),
        "actor": actor or Settings.from_env().user or getpass.getuser(),
        "action": action,
        "subject": subject,
        **details,
    }
    with path.open("a+b") as log:
        fcntl.flock(log, fcntl.LOCK_EX)  # released when the file is closed
        previous, torn = _last_record(log)
        event["seq"] = (previous or {}).get("seq", 0) + 1
        event["prev_hash"] = (previous or {}).get("hash", GENESIS)
        event["hash"] = record_hash(event)
        line = json.dumps(event, ensure_ascii=False, sort_keys=True) + "\n"
        # A line torn by a crash mid-write is ended, so it stays visible to verify().
        log.write((b"\n" if torn else b"") + line.encode("utf-8"))
        log.flush()
        os.fsync(log.fileno())
        _write_head(head_path(path), event["seq"], event["hash"])
    return event


def data_events(events: list[dict]) -> list[dict]:
    """The events that are not sign-ins: exports, views, closes and reopens."""
    return [event for event in events if event.get("action") not in SIGN_IN_ACTIONS]


def _last_record(log) -> tuple[dict | None, bool]:
    """The last complete chained record in the file, and whether the file ends in a torn line."""
    size = log.seek(0, os.SEEK_END)
    log.seek(max(0, size - TAIL_BYTES))
    tail = log.read()
    torn = bool(tail) and not tail.endswith(b"\n")
    for raw in reversed(tail.splitlines()):
        try:
            candidate = json.loads(raw)
        except ValueError:
            continue
        if isinstance(candidate, dict) and "hash" in candidate:
            return candidate, torn
    return None, torn


def _write_head(path: Path, seq: int, digest: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"seq": seq, "hash": digest}), encoding="utf-8")
    os.replace(tmp, path)


@dataclass
class Verification:
    """What :func:`verify` found: records checked, unchained (pre-chain) lines, and problems."""

    records: int = 0
    legacy_lines: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(data_dir: Path) -> Verification:
    """Walk the chain: every line parses, ``seq`` counts up by one, each ``prev_hash`` is the
    previous ``hash``, each ``hash`` matches its content, and the head file names the last."""
    path = audit_path(data_dir)
    result = Verification()
    if not path.exists():
        if head_path(path).exists():
            result.problems.append("audit log missing but its head file exists")
        return result
    previous: dict | None = None
    with path.open("rb") as log:
        for number, raw in enumerate(log, start=1):
            problem = _check_line(raw, previous, result)
            if problem:
                result.problems.append(f"line {number}: {problem}")
            chained = _chained(raw)
            if chained is not None:  # resynchronise, so one bad line is reported once
                previous = chained
    _check_head(path, previous, result)
    return result


def _check_line(raw: bytes, previous: dict | None, result: Verification) -> str | None:
    if not raw.endswith(b"\n"):
        return "torn line (no end of line)"
    try:
        event = json.loads(raw)
    except ValueError:
        return "not valid JSON"
    if not isinstance(event, dict):
        return "not a JSON object"
    if "hash" not in event:
        if previous is None and not result.records:
            result.legacy_lines += 1  # written before the chain existed
            return None
        return "record without a hash inside the chain"
    expected_seq = (previous or {}).get("seq", 0) + 1
    expected_prev = (previous or {}).get("hash", GENESIS)
    if event.get("seq") != expected_seq:
        return f"seq {event.get('seq')} where {expected_seq} was expected (line removed or moved)"
    if event.get("prev_hash") != expected_prev:
        return "prev_hash does not match the previous record (line removed or edited)"
    if record_hash(event) != event["hash"]:
        return "hash does not match the record's content (record edited)"
    result.records += 1
    return None


def _chained(raw: bytes) -> dict | None:
    try:
        event = json.loads(raw)
    except ValueError:
        return None
    return event if isinstance(event, dict) and "hash" in event else None


def _check_head(path: Path, last: dict | None, result: Verification) -> None:
    head = head_path(path)
    if not head.exists():
        if last is not None:
            result.problems.append("head file audit.head missing")
        return
    try:
        recorded = json.loads(head.read_text(encoding="utf-8"))
    except ValueError:
        result.problems.append("head file audit.head unreadable")
        return
    if last is None or recorded != {"seq": last["seq"], "hash": last["hash"]}:
        last_seq = last["seq"] if last else 0
        result.problems.append(
            f"head says the last record is seq {recorded.get('seq')} but the log ends at seq "
            f"{last_seq} (log truncated or rewritten)"
        )
