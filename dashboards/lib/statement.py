"""The employee's monthly statement as plain data: the attendance calendar, the steps from
potential to net tukin, and the warning of a month that rows still in quarantine may change.
Pure pandas, no Streamlit calls; the page, the charts and the PDF all read these, so the screen
and the PDF show the same numbers and words (R4: every withheld rupiah explained).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboards.lib.i18n import fmt_number, reasons_text, t

# Calendar categories, in legend order (R2 statuses grouped for colour).
HADIR = "HADIR"
HADIR_TL_PSW = "HADIR_TL_PSW"
TK = "TK"
DINAS_LUAR = "DINAS_LUAR"
CUTI = "CUTI"
NO_WORKDAY = "NO_WORKDAY"
CALENDAR_CATEGORIES = (HADIR, HADIR_TL_PSW, TK, DINAS_LUAR, CUTI, NO_WORKDAY)

ROUNDING_STEP = "ROUNDING"  # only if lines and monthly row ever disagree (they must not)


def period_bounds(period: str) -> tuple[date, date]:
    """First and last day of a ``YYYY-MM`` period."""
    year, month = (int(part) for part in period.split("-"))
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def day_category(status: object, tl_code: object, psw_code: object) -> str:
    """The calendar colour of one attendance day (R2): present, present with TL/PSW, TK,
    official travel (counts as present), or a leave."""
    if status == "HADIR":
        return HADIR_TL_PSW if _present(tl_code) or _present(psw_code) else HADIR
    if status == "TK":
        return TK
    if status == "DINAS_LUAR":
        return DINAS_LUAR
    return CUTI


def _present(value: object) -> bool:
    return value is not None and not pd.isna(value) and str(value) != ""


def calendar_days(period: str, attendance: pd.DataFrame) -> pd.DataFrame:
    """One row per day of the month: ``work_date``, ``day``, ``week`` (0 = the first row of the
    month grid), ``weekday`` (0 = Monday), ``category`` and the day's attendance fields (empty
    on days without an attendance row: weekends, holidays, days without an assignment)."""
    first, last = period_bounds(period)
    days = pd.DataFrame({"work_date": pd.date_range(first, last, freq="D").date})
    by_date = attendance.assign(work_date=pd.to_datetime(attendance["work_date"]).dt.date)
    days = days.merge(by_date, on="work_date", how="left")
    offset = first.weekday()
    days["day"] = [d.day for d in days["work_date"]]
    days["weekday"] = [d.weekday() for d in days["work_date"]]
    days["week"] = [(d.day - 1 + offset) // 7 for d in days["work_date"]]
    days["category"] = [
        NO_WORKDAY if pd.isna(status) else day_category(status, tl, psw)
        for status, tl, psw in zip(days["status"], days["tl_code"], days["psw_code"], strict=True)
    ]
    return days


def waterfall_steps(
    potential_idr: int, net_idr: int, lines: pd.DataFrame, cause_labels: Mapping[str, str]
) -> pd.DataFrame:
    """Steps from the potential to the net tukin: the potential, one step per cause of the lines
    (in line order, amounts summed), and the net.

    Columns: ``label``, ``measure`` (``absolute`` / ``relative`` / ``total``, as Plotly's
    waterfall), ``amount_idr`` (negative for a deduction; the total's own value), ``count``
    (lines in the step) and ``running_idr`` (the balance after the step). The last running
    balance is ``net_idr`` exactly: if the lines ever left a difference, it is shown as its own
    ``ROUNDING`` step rather than hidden.
    """
    rows = [("POTENTIAL", "absolute", int(potential_idr), 0)]
    if not lines.empty:
        grouped = lines.groupby("cause", sort=False)["amount_idr"].agg(["sum", "count"])
        rows += [
            (str(cause), "relative", -int(total), int(count))
            for cause, (total, count) in grouped.iterrows()
        ]
    difference = int(net_idr) - (int(potential_idr) + sum(r[2] for r in rows[1:]))
    if difference:
        rows.append((ROUNDING_STEP, "relative", difference, 0))
    rows.append(("NET", "total", int(net_idr), 0))
    steps = pd.DataFrame(rows, columns=["cause", "measure", "amount_idr", "count"])
    running = steps["amount_idr"].where(steps["measure"] != "total", 0).cumsum()
    steps["running_idr"] = running.where(steps["measure"] != "total", int(net_idr))
    steps["label"] = [cause_labels.get(cause, cause) for cause in steps["cause"]]
    return steps[["cause", "label", "measure", "amount_idr", "count", "running_idr"]]


def deductions_total(lines: pd.DataFrame) -> int:
    """Σ of the lines' rupiah: equals potential − net for a consistent release."""
    return int(lines["amount_idr"].sum()) if not lines.empty else 0


# --- rows still in quarantine (fct_employee_monthly.has_quarantined_input) ----------------------
QUARANTINE_REASONS = "quarantine_reasons"  # the month's reason codes, added by with_quarantine


@dataclass(frozen=True)
class QuarantineMark:
    """A month that rows still held in quarantine may change: how many, and why (codes)."""

    rows: int
    reasons: tuple[str, ...]


def with_quarantine(month: pd.Series, mark: pd.DataFrame) -> pd.Series:
    """The employee-month with its quarantine reasons (``mark``: quality.month_mark, at most
    one row); its row count taken from the mark when there is one."""
    month = month.copy()
    month[QUARANTINE_REASONS] = None
    if not mark.empty:
        month[QUARANTINE_REASONS] = mark["reasons"].iloc[0]
        month["quarantined_rows"] = mark["quarantined_rows"].iloc[0]
    return month


def _flag(value: object) -> bool:
    return value is not None and not pd.isna(value) and bool(value)


def quarantine_mark(month: Mapping[str, object]) -> QuarantineMark | None:
    """The month's mark when ``has_quarantined_input`` is true, else None (also for a release
    published before the column)."""
    if not _flag(month.get("has_quarantined_input")):
        return None
    rows = month.get("quarantined_rows")
    codes = str(month.get(QUARANTINE_REASONS) or "")
    reasons = tuple(dict.fromkeys(c.strip() for c in codes.split(",") if c.strip()))
    return QuarantineMark(0 if rows is None or pd.isna(rows) else int(rows), reasons)


def quarantine_warning(mark: QuarantineMark, lang: str) -> str:
    """The warning in words, e.g. "Perhatian: 3 baris data sumber untuk bulan ini masih
    dikarantina (alasan: PIN tidak dikenal, …); angka bulan ini dapat berubah …"."""
    reasons = (
        reasons_text(", ".join(mark.reasons), lang)
        if mark.reasons
        else t("stmt_quarantine_reasons_unknown", lang)
    )
    if mark.rows == 1:
        return t("stmt_quarantine_warning_one", lang, reasons=reasons)
    return t("stmt_quarantine_warning", lang, n=fmt_number(mark.rows, lang), reasons=reasons)
