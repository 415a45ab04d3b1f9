"""Named pause points where crash-safety tests stop the pipeline to SIGKILL it.

``pause_point("publish")`` does nothing unless ``EPERF_PAUSE_AT`` names that stage. Then it
writes the file ``EPERF_PAUSE_MARKER`` (the test polls for it) and sleeps until the process is
killed. Production never sets ``EPERF_PAUSE_AT``, so every call is a cheap no-op there.

Stages: ``ingest`` (attendance load, inside its transaction, after the old punches of the
re-read files were deleted and the new ones inserted) and ``publish`` (half the release's
Parquet files written, no manifest, ``CURRENT`` not moved). The dbt build needs no hook: the
crash test polls Dagster's event log for the first model built (tests/reliability).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from eperf.config import Settings

STAGES = ("ingest", "publish")


def pause_point(stage: str) -> None:
    """Stop here for good (until killed) when a test asked for ``stage``; otherwise return."""
    settings = Settings.from_env()
    if settings.pause_at != stage:
        return
    marker = settings.pause_marker
    if marker:
        Path(marker).write_text(f"{stage} {os.getpid()}\n", encoding="utf-8")
    while True:  # pragma: no cover - ended by SIGKILL
        time.sleep(3600)
