"""Scheduled period close: on day ``EPERF_CLOSE_DAY`` of each month (07:00 WIB) the previous
month is closed through the same code as ``eperf close`` (eperf.ledger.close_and_record).

Closing freezes pay, so the schedule runs only when the day is configured; without
``EPERF_CLOSE_DAY`` it is listed, stopped, on day 10. A period already closed (by hand, or by an
earlier tick) is left as it is: the run key is the period, and the op checks the close log.
"""

import dagster as dg

from eperf import ledger
from eperf.config import Settings
from eperf.periods import period_to_close
from orchestration.defs.partitions import TIMEZONE

DEFAULT_CLOSE_DAY = 10
ACTOR = "dagster-schedule"


def close_day(settings: Settings | None = None) -> int:
    """The configured day of the month (1-28, so it exists in every month)."""
    configured = (settings or Settings.from_env()).close_day
    day = DEFAULT_CLOSE_DAY if configured is None else configured
    if not 1 <= day <= 28:
        raise ValueError(f"EPERF_CLOSE_DAY={day}: choose a day from 1 to 28")
    return day


class ClosePeriodConfig(dg.Config):
    period: str


def close_if_open(settings: Settings, period: str, actor: str = ACTOR) -> int | None:
    """Close ``period`` unless it is already closed; the employee-months frozen, or None."""
    if ledger.is_closed(settings, period):
        return None
    return ledger.close_and_record(settings, period, actor=actor)


@dg.op(description="Freeze the period's pay as paid (eperf close), unless already closed.")
def close_period_op(context: dg.OpExecutionContext, config: ClosePeriodConfig) -> None:
    rows = close_if_open(Settings.from_env(), config.period)
    if rows is None:
        context.log.info(f"period {config.period} is already closed; nothing to do")
    else:
        context.log.info(f"period {config.period} closed: {rows} employee-months frozen")


@dg.job(description="Close a period as paid (run config: ops.close_period_op.config.period).")
def close_period_job():
    close_period_op()


def close_request(today, day: int) -> dg.RunRequest | dg.SkipReason:
    period = period_to_close(today, day)
    if period is None:
        return dg.SkipReason(f"before day {day} of the month")
    return dg.RunRequest(
        run_key=f"close-{period}",
        run_config={"ops": {"close_period_op": {"config": {"period": period}}}},
        tags={"eperf/period": period},
    )


def _close_schedule() -> dg.ScheduleDefinition:
    settings = Settings.from_env()
    configured = settings.close_day is not None
    day = close_day(settings)

    @dg.schedule(
        job=close_period_job,
        cron_schedule=f"0 7 {day} * *",
        execution_timezone=TIMEZONE,
        name="close_previous_period",
        default_status=dg.DefaultScheduleStatus.RUNNING
        if configured
        else dg.DefaultScheduleStatus.STOPPED,
        description=f"Day {day}, 07:00 WIB: close the previous month (EPERF_CLOSE_DAY).",
    )
    def close_previous_period(context: dg.ScheduleEvaluationContext):
        return close_request(context.scheduled_execution_time.date(), day)

    return close_previous_period


@dg.definitions
def period_close() -> dg.Definitions:
    return dg.Definitions(jobs=[close_period_job], schedules=[_close_schedule()])
