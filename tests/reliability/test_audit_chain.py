"""The audit log is append-only and hash-chained: appends never rewrite a line, and an edited,
removed, reordered or cut-off record is detected (eperf.audit.verify, ``eperf audit-verify``)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from eperf import audit
from tests.conftest import run_eperf


def _lines(data_dir: Path) -> list[bytes]:
    return audit.audit_path(data_dir).read_bytes().splitlines(keepends=True)


def _write_events(data_dir: Path, n: int = 4) -> None:
    for i in range(n):
        audit.record(data_dir, "export", "rpt_rb_indicators", actor=f"user{i}", period="2025-01")


def test_records_say_who_did_what_when_and_chain(tmp_path: Path) -> None:
    first = audit.record(
        tmp_path,
        "view_statement",
        "198001012005011001",
        actor="menteri",
        role="MENTERI",
        period="2025-02",
    )
    second = audit.record(
        tmp_path,
        "export",
        "rpt_rb_indicators",
        actor="evaluator-rb",
        period="2025-02",
        format="xlsx",
        rows=12,
    )
    assert (first["seq"], second["seq"]) == (1, 2)
    assert first["prev_hash"] == audit.GENESIS and second["prev_hash"] == first["hash"]
    stored = [json.loads(line) for line in _lines(tmp_path)]
    assert stored == [first, second]
    assert {k: stored[0][k] for k in ("actor", "action", "subject", "role", "period")} == {
        "actor": "menteri",
        "action": "view_statement",
        "subject": "198001012005011001",
        "role": "MENTERI",
        "period": "2025-02",
    }
    assert stored[0]["at"].endswith("+00:00")
    assert audit.verify(tmp_path).ok and audit.verify(tmp_path).records == 2


def test_appending_never_rewrites_existing_lines(tmp_path: Path) -> None:
    _write_events(tmp_path, 3)
    before = audit.audit_path(tmp_path).read_bytes()
    _write_events(tmp_path, 2)
    after = audit.audit_path(tmp_path).read_bytes()
    assert after.startswith(before) and len(_lines(tmp_path)) == 5


def test_concurrent_writers_keep_one_unbroken_chain(tmp_path: Path) -> None:
    threads = [threading.Thread(target=_write_events, args=(tmp_path, 10)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    found = audit.verify(tmp_path)
    assert found.ok, found.problems
    assert found.records == 80


def test_an_edited_record_is_detected(tmp_path: Path) -> None:
    _write_events(tmp_path)
    lines = _lines(tmp_path)
    lines[1] = lines[1].replace(b'"user1"', b'"someone-else"')
    audit.audit_path(tmp_path).write_bytes(b"".join(lines))
    found = audit.verify(tmp_path)
    assert found.problems == ["line 2: hash does not match the record's content (record edited)"]


def test_a_removed_record_is_detected(tmp_path: Path) -> None:
    _write_events(tmp_path)
    lines = _lines(tmp_path)
    del lines[1]
    audit.audit_path(tmp_path).write_bytes(b"".join(lines))
    found = audit.verify(tmp_path)
    assert found.problems == ["line 2: seq 3 where 2 was expected (line removed or moved)"]


def test_a_rehashed_forgery_is_still_detected_by_its_successor(tmp_path: Path) -> None:
    """Editing a record and recomputing its own hash breaks the next record's prev_hash."""
    _write_events(tmp_path)
    lines = _lines(tmp_path)
    forged = json.loads(lines[1])
    forged["actor"] = "someone-else"
    forged["hash"] = audit.record_hash(forged)
    lines[1] = (json.dumps(forged, sort_keys=True) + "\n").encode()
    audit.audit_path(tmp_path).write_bytes(b"".join(lines))
    assert audit.verify(tmp_path).problems == [
        "line 3: prev_hash does not match the previous record (line removed or edited)"
    ]


def test_a_truncated_log_is_detected(tmp_path: Path) -> None:
    _write_events(tmp_path)
    lines = _lines(tmp_path)
    audit.audit_path(tmp_path).write_bytes(b"".join(lines[:2]))
    assert audit.verify(tmp_path).problems == [
        "head says the last record is seq 4 but the log ends at seq 2 (log truncated or rewritten)"
    ]
    audit.audit_path(tmp_path).write_bytes(b"".join(lines)[:-10])  # torn last line
    assert audit.verify(tmp_path).problems[0] == "line 4: torn line (no end of line)"


def test_a_torn_line_stays_visible_after_the_next_append(tmp_path: Path) -> None:
    _write_events(tmp_path, 2)
    path = audit.audit_path(tmp_path)
    path.write_bytes(path.read_bytes() + b'{"at": "2025-')  # a crash mid-write
    audit.record(tmp_path, "export", "x", actor="a")
    lines = _lines(tmp_path)
    assert lines[2] == b'{"at": "2025-\n' and json.loads(lines[3])["seq"] == 3
    assert audit.verify(tmp_path).problems == ["line 3: not valid JSON"]


def test_lines_from_before_the_chain_are_counted_not_rejected(tmp_path: Path) -> None:
    path = audit.audit_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text('{"action": "export", "actor": "old"}\n', encoding="utf-8")
    _write_events(tmp_path, 2)
    found = audit.verify(tmp_path)
    assert found.ok and (found.records, found.legacy_lines) == (2, 1)


def test_audit_verify_command(tmp_path: Path) -> None:
    env = {"EPERF_DATA_DIR": str(tmp_path)}
    _write_events(tmp_path, 3)
    ok = run_eperf(["audit-verify"], env, timeout=120)
    assert ok.returncode == 0 and "intact: 3 chained records" in ok.stdout
    lines = _lines(tmp_path)
    audit.audit_path(tmp_path).write_bytes(lines[0] + lines[2])
    bad = run_eperf(["audit-verify"], env, timeout=120)
    assert bad.returncode == 1
    assert "line 2: seq 3 where 2 was expected" in bad.stderr and "NOT intact" in bad.stderr
