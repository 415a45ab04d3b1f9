"""Append-only audit log of exports and views of personal data.

Grain: one JSON line per event in ``<EPERF_DATA_DIR>/audit/audit.jsonl``. The file is only ever
opened in append mode; nothing in the platform rewrites or truncates it.
"""

from __future__ import annotations

import getpass
import json
import os
from datetime import UTC, datetime
from pathlib import Path


def audit_path(data_dir: Path) -> Path:
    return data_dir / "audit" / "audit.jsonl"


def record(data_dir: Path, action: str, subject: str, actor: str | None = None, **details) -> None:
    """Append one event: who (``actor``, else EPERF_USER or the OS user) did what, to what, when."""
    path = audit_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    event = {
        "at": datetime.now(UTC).isoformat(),
        "actor": actor or os.environ.get("EPERF_USER") or getpass.getuser(),
        "action": action,
        "subject": subject,
        **details,
    }
    with path.open("a", encoding="utf-8") as log:
        log.write(json.dumps(event, ensure_ascii=False, sort_keys=True) + "\n")
