"""The two partitionings: a day of device exports (attendance ingestion) and a month of pay
(the scoring marts), both in Asia/Jakarta, with the window a run covers (eperf.periods).

``end_offset=1`` adds the day / month in progress, which the morning refresh rebuilds. A run that
covers every partition (``eperf run`` without a period, tag ``eperf/window=all``) is a full build:
every source file and every period, also those before ``EPERF_PARTITIONS_START``.
"""

from __future__ import annotations

import os
from datetime import date

import dagster as dg

from eperf.periods import Window, window_of_time_range

TIMEZONE = "Asia/Jakarta"
START = os.environ.get("EPERF_PARTITIONS_START", "2024-01-01")
WINDOW_TAG = "eperf/window"
WHOLE = "all"

daily_partitions = dg.DailyPartitionsDefinition(start_date=START, timezone=TIMEZONE, end_offset=1)
# Monthly keys are the periods themselves (YYYY-MM).
monthly_partitions = dg.MonthlyPartitionsDefinition(
    start_date=START[:7], fmt="%Y-%m", timezone=TIMEZONE, end_offset=1
)


def covers_everything(context: dg.AssetExecutionContext) -> bool:
    """True for a run over every partition: build everything, not a window."""
    if context.run.tags.get(WINDOW_TAG) == WHOLE:
        return True
    keys = context.partition_key_range
    partitions = context.assets_def.partitions_def
    return (keys.start, keys.end) == (
        partitions.get_first_partition_key(),
        partitions.get_last_partition_key(),
    )


def run_periods(context: dg.AssetExecutionContext) -> Window | None:
    """The periods of a monthly run, or None to build every period."""
    if covers_everything(context):
        return None
    window = context.partition_time_window
    return window_of_time_range(window.start, window.end)


def run_days(context: dg.AssetExecutionContext) -> tuple[date, date] | None:
    """[first day, end day) of a daily run, or None for every day."""
    if covers_everything(context):
        return None
    window = context.partition_time_window
    return window.start.date(), window.end.date()
