"""What one person did in a month, as plain data: the activity reports by day, the minutes
credited per day beside the R3 daily target and cap (drawn from the rule rows the engine used,
dim_policy_parameter), and the check that the reports add up to the statement's capaian input.
Pure pandas, no Streamlit calls: the page, its chart and the PDF read these, so they agree.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboards.lib.i18n import fmt_date, fmt_number, t
from dashboards.lib.statement import period_bounds
from eperf.formats import MISSING, quantity

TARGET = "daily_target_minutes"  # R3: effective minutes expected per workday
CAP = "daily_credit_cap_minutes"  # R3: credited minutes per employee per day, at most
# The columns of the statement's report table, the reason minutes differ beside the minutes.
REPORT_COLUMNS = (
    "activity_date",
    "activity_name",
    "output_text",
    "claimed_minutes",
    "credited_minutes",
    "credit_note",
    "report_status",
    "description",
)


def output_text(volume: object, output_unit: object, lang: str) -> str:
    """``5 surat``: the volume in the language's number format, then its unit of output."""
    if volume is None or pd.isna(volume):
        return MISSING
    unit = "" if output_unit is None or pd.isna(output_unit) else f" {output_unit}"
    return f"{quantity(volume, lang)}{unit}"


def outputs_text(outputs: object, lang: str) -> str:
    """A list of ``{quantity, output_unit}`` (activities__team) as ``12 surat, 3 klien``."""
    if outputs is None or not hasattr(outputs, "__len__") or isinstance(outputs, str):
        return MISSING  # no credited output: null (None, NaN or pd.NA, as pandas gives it)
    parts = [output_text(o["quantity"], o["output_unit"], lang) for o in list(outputs)]
    return ", ".join(parts) if parts else MISSING


def limit_on(limits: pd.DataFrame, parameter: str, day: object) -> float | None:
    """The value of ``parameter`` in force on ``day`` (rows of activities.daily_limits)."""
    if limits.empty:
        return None
    day = pd.Timestamp(day)
    rows = limits[limits["parameter"] == parameter]
    columns = (rows["value"], rows["effective_from"], rows["effective_to"])
    for value, start, end in zip(*columns, strict=True):
        if pd.Timestamp(start) <= day and (pd.isna(end) or day <= pd.Timestamp(end)):
            return float(value)
    return None


def day_totals(period: str, reports: pd.DataFrame, limits: pd.DataFrame) -> pd.DataFrame:
    """One row per day of the month: ``activity_date``, ``reports`` (not deleted),
    ``claimed_minutes`` and ``credited_minutes`` of those reports, ``not_credited_minutes``
    (claimed − credited), and the ``target`` and ``cap`` in force that day (R3)."""
    first, last = period_bounds(period)
    days = pd.DataFrame({"activity_date": pd.date_range(first, last, freq="D").date})
    if reports.empty:
        kept = pd.DataFrame(columns=["activity_date", "claimed_minutes", "credited_minutes"])
    else:
        kept = reports.loc[~reports["is_deleted"].astype(bool)]
        kept = kept.assign(activity_date=pd.to_datetime(kept["activity_date"]).dt.date)
    sums = kept.groupby("activity_date").agg(
        reports=("claimed_minutes", "size"),
        claimed_minutes=("claimed_minutes", "sum"),
        credited_minutes=("credited_minutes", "sum"),
    )
    days = days.merge(sums, left_on="activity_date", right_index=True, how="left")
    days[["reports", "claimed_minutes", "credited_minutes"]] = (
        days[["reports", "claimed_minutes", "credited_minutes"]].fillna(0).astype(float)
    )
    days["not_credited_minutes"] = (days["claimed_minutes"] - days["credited_minutes"]).clip(0)
    days["target"] = [limit_on(limits, TARGET, d) for d in days["activity_date"]]
    days["cap"] = [limit_on(limits, CAP, d) for d in days["activity_date"]]
    return days


def credited_total(reports: pd.DataFrame) -> float:
    """Σ credited minutes of the month's reports: the statement's capaian input (R3)."""
    return float(reports["credited_minutes"].sum()) if not reports.empty else 0.0


def with_output_text(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``rows`` (reports, or the reports waiting) with ``output_text``: ``quantity unit``."""
    return rows.assign(
        output_text=[
            output_text(q, u, lang)
            for q, u in zip(rows["quantity"], rows["output_unit"], strict=True)
        ]
    )


def report_table(reports: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The reports with the statement's table columns (REPORT_COLUMNS): output as
    ``quantity unit``, the status as ``report_status`` (its code kind)."""
    table = with_output_text(reports, lang).assign(report_status=reports["status"])
    return table[list(REPORT_COLUMNS)]


def _limit_values(limits: pd.DataFrame, parameter: str, period: str, lang: str) -> str:
    """``300`` or, for a value changed inside the month, ``660 s.d. 14 Februari 2025, 600 sejak
    15 Februari 2025``; an em dash without a row."""
    first, last = period_bounds(period)
    rows = limits[limits["parameter"] == parameter].sort_values("effective_from")
    if rows.empty:
        return MISSING
    if len(rows) == 1:
        return quantity(rows["value"].iloc[0], lang)
    parts = []
    columns = (rows["value"], rows["effective_from"], rows["effective_to"])
    for value, start, end in zip(*columns, strict=True):
        text = quantity(value, lang)
        if pd.Timestamp(start).date() > first:
            text = t("limit_from", lang, value=text, day=fmt_date(start, lang))
        elif not pd.isna(end) and pd.Timestamp(end).date() < last:
            text = t("limit_until", lang, value=text, day=fmt_date(end, lang))
        parts.append(text)
    return ", ".join(parts)


def limits_text(limits: pd.DataFrame | None, period: str, lang: str) -> str | None:
    """The line under the chart: the R3 daily target and cap of the month, each value with the
    days it applies when it changed inside the month, and the regulations they rest on; None
    without any rule row."""
    if limits is None or limits.empty:
        return None
    basis = "; ".join(dict.fromkeys(limits["legal_basis"]))
    return t(
        "activities_limits",
        lang,
        target=_limit_values(limits, TARGET, period, lang),
        cap=_limit_values(limits, CAP, period, lang),
        basis=basis,
    )


def check_text(month: Mapping[str, object], reports: pd.DataFrame, lang: str) -> tuple[bool, str]:
    """Whether the reports' credited minutes equal the capaian's (they do by construction) and
    the sentence that says so, or that says they differ: the page and the PDF state the same."""
    credited = credited_total(reports)
    monthly = float(month["credited_minutes"])
    fields = {"credited": quantity(credited, lang), "monthly": quantity(monthly, lang)}
    if round(credited, 2) != round(monthly, 2):
        return False, t("activities_mismatch", lang, **fields)
    kept = int((~reports["is_deleted"].astype(bool)).sum()) if not reports.empty else 0
    target = quantity(float(month["target_minutes"]), lang)
    return True, t("activities_check", lang, n=fmt_number(kept, lang), target=target, **fields)
