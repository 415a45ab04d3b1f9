"""The two partitionings: a day of device exports (attendance ingestion) and a month of pay
(the scoring marts), both in Asia/Jakarta, with the window a run covers (eperf.periods).

``end_offset=1`` adds the day / month in progress, which the morning refresh rebuilds. A run that
covers every partition (``eperf run`` without a period, tag ``eperf/window=all``) is a full build:
every source file and every period, also those before ``EPERF_PARTITIONS_START``.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import dagster as dg

from eperf.config import Settings
from eperf.periods import Window, window_of_time_range

TIMEZONE = "Asia/Jakarta"
WINDOW_TAG = "eperf/window"
WHOLE = "all"


def partitions_of(
    start: str,
) -> tuple[dg.DailyPartitionsDefinition, dg.MonthlyPartitionsDefinition]:
    """The daily and the monthly partitions from the day ``start`` (ISO date) on."""
    daily = dg.DailyPartitionsDefinition(start_date=start, timezone=TIMEZONE, end_offset=1)
    # Monthly keys are the periods themselves (YYYY-MM).
    monthly = dg.MonthlyPartitionsDefinition(
        start_date=start[:7], fmt="%Y-%m", timezone=TIMEZONE, end_offset=1
    )
    return daily, monthly


@cache
def _configured() -> tuple[dg.DailyPartitionsDefinition, dg.MonthlyPartitionsDefinition]:
    return partitions_of(Settings.from_env().partitions_start)


def __getattr__(name: str):
    """``daily_partitions`` and ``monthly_partitions``, from ``EPERF_PARTITIONS_START`` as the
    settings give it when they are first asked for (by the asset definitions, as the code
    location loads), the same objects from then on."""
    if name == "daily_partitions":
        return _configured()[0]
    if name == "monthly_partitions":
        return _configured()[1]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
