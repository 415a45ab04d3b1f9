"""What one person did in a month, as plain data: the activity reports by day, the minutes
credited per day beside the R3 daily target and cap (drawn from the rule rows the engine used,
dim_policy_parameter), and the check that the reports add up to the statement's capaian input.
Pure pandas, no Streamlit calls: the page, its chart and the PDF read these, so they agree.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboards.lib.statement import period_bounds

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


def output_text(quantity: object, output_unit: object, number: callable) -> str:
    """``5 surat``: the quantity in the UI's number format, then its unit of output."""
    if quantity is None or pd.isna(quantity):
        return "—"
    unit = "" if output_unit is None or pd.isna(output_unit) else f" {output_unit}"
    value = float(quantity)
    return f"{number(value, 0 if value.is_integer() else 2)}{unit}"


def outputs_text(outputs: object, number: callable) -> str:
    """A list of ``{quantity, output_unit}`` (activities__team) as ``12 surat, 3 klien``."""
    if outputs is None or isinstance(outputs, float):  # no credited output: null (NaN)
        return "—"
    parts = [output_text(o["quantity"], o["output_unit"], number) for o in list(outputs)]
    return ", ".join(parts) if parts else "—"


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


def report_table(reports: pd.DataFrame, number: callable) -> pd.DataFrame:
    """The reports with the statement's table columns (REPORT_COLUMNS): output as
    ``quantity unit``, the status as ``report_status`` (its code kind), deleted ones marked."""
    table = reports.assign(
        output_text=[
            output_text(q, u, number)
            for q, u in zip(reports["quantity"], reports["output_unit"], strict=True)
        ],
        report_status=reports["status"],
    )
    return table[list(REPORT_COLUMNS)]


def limits_legal_basis(limits: pd.DataFrame) -> Mapping[str, str]:
    """Parameter → the regulation it rests on (the rule rows' legal_basis)."""
    if limits.empty:
        return {}
    return dict(zip(limits["parameter"], limits["legal_basis"], strict=True))
