"""The activity marts of the fixture release (fct_activity_reports, fct_review_backlog) and the
policy parameters they are read against (dim_policy_parameter), consistent with the employee
rows: every employee-month credits ``capaian × 60`` minutes (its fct_employee_monthly
credited_minutes) as approved reports of 300 minutes each (5 letters × 60 or 3 clients × 100
standard minutes), one per workday in turn, so the reports add up to the capaian input.

On top, in 2025-02 (open):
- B (Siti, the PEGAWAI account): a report awaiting review (2 letters, 120 min), a rejected one
  (1 letter, 60 min), a deleted one (3 letters, 180 min) and an approved one on her last TK day
  (4 letters, 240 min, not credited: HARI_TK), none credited: still 16 × 300 = 4,800 minutes;
- D (Biro Umum) and G (Direktorat Rehsos Anak): one report each awaiting review.

Eko's last February report (E, Biro Umum) is the only "Menyusun program kerja" (1 dokumen, 300
minutes, no RKAKL output): an activity of one person inside a subtree of five.

Reviewers: A heads Biro Umum and reviews B–E; F heads Direktorat Rehsos Anak and reviews G; A's
and F's own reports go to the Sekretaris Jenderal (NIP SEKJEN_NIP, not an employee of the
fixture, unit SETJEN). Every reviewed report took 2 days; a pending report waits from its
activity day to the period's last day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pandas as pd

SEKJEN_NIP = "196801011990031001"
CATALOGUE = {
    # code → (name, output unit, standard minutes, RKAKL output)
    "ADM-01": ("Menyusun surat dinas", "surat", 60, "3901.EBA.001"),
    "REH-02": ("Asesmen klien rehabilitasi", "klien", 100, "3902.QDB.002"),
    "PRG-03": ("Menyusun program kerja", "dokumen", 300, None),
}
REPORT_MINUTES = 300
PERIOD_END = {"2025-01": date(2025, 1, 31), "2025-02": date(2025, 2, 28)}


def _report(
    report_id: str,
    nip: str,
    unit: str,
    day: date,
    code: str,
    quantity: float,
    status: str,
    reviewer: str | None,
    credited: float,
    credit_note: str | None,
    description: str,
    is_deleted: bool = False,
) -> dict:
    name, output_unit, standard, rkakl = CATALOGUE[code]
    submitted = datetime.combine(day, time(16, 0))
    reviewed = submitted + timedelta(days=2) if status in ("APPROVED", "REJECTED") else None
    return {
        "report_id": report_id,
        "nip": nip,
        "activity_date": day,
        "period": day.strftime("%Y-%m"),
        "unit_id": unit,
        "activity_code": code,
        "activity_name": name,
        "quantity": float(quantity),
        "output_unit": output_unit,
        "standard_minutes": standard,
        "catalog_valid_from": date(2024, 1, 1),
        "claimed_minutes": float(quantity * standard),
        "credited_minutes": float(credited),
        "status": status,
        "is_deleted": is_deleted,
        "credit_note": credit_note,
        "rkakl_output_code": rkakl,
        "reviewed_by": reviewer if reviewed is not None else None,
        "submitted_at": submitted,
        "reviewed_at": reviewed,
        "review_days": 2 if reviewed is not None else None,
        "description": description,
    }


def activity_report_frame(
    monthly: list[tuple], nips: dict[str, str], workdays: Callable[[str], list[date]]
) -> pd.DataFrame:
    heads = {"BIRO_UMUM": nips["A"], "DIT_ANAK": nips["F"]}
    rows = []
    for key, period, unit, *_, capaian, _pot, _net in monthly:
        nip = nips[key]
        reviewer = heads.get(unit, SEKJEN_NIP) if heads.get(unit) != nip else SEKJEN_NIP
        days = workdays(period)
        count = round(capaian * 60 / REPORT_MINUTES)
        for i in range(count):
            code, quantity = ("ADM-01", 5) if i % 2 == 0 else ("REH-02", 3)
            if key == "E" and period == "2025-02" and i == count - 1:
                code, quantity = "PRG-03", 1  # the one activity only one person did
            rows.append(
                _report(
                    f"{key}-{period}-{i:02d}",
                    nip,
                    unit,
                    days[i % len(days)],
                    code,
                    quantity,
                    "APPROVED",
                    reviewer,
                    REPORT_MINUTES,
                    None,
                    f"Uraian kegiatan {key} nomor {i + 1}",
                )
            )
        if period != "2025-02":
            continue
        if key == "B":
            tk_day = days[-1]  # B's TK days are her last workdays
            rows += [
                _report(
                    "B-P", nip, unit, days[3], "ADM-01", 2, "SUBMITTED", reviewer, 0,
                    "MENUNGGU_VERIFIKASI", "Surat undangan rapat koordinasi",
                ),
                _report(
                    "B-R", nip, unit, days[4], "ADM-01", 1, "REJECTED", reviewer, 0,
                    "DITOLAK", "Surat yang ditolak atasan",
                ),
                _report(
                    "B-D", nip, unit, days[5], "ADM-01", 3, "APPROVED", reviewer, 0,
                    "DIHAPUS", "Laporan ganda yang dihapus", is_deleted=True,
                ),
                _report(
                    "B-T", nip, unit, tk_day, "ADM-01", 4, "APPROVED", reviewer, 0,
                    "HARI_TK", "Surat pada hari tidak masuk",
                ),
            ]  # fmt: skip
        if key in ("D", "G"):
            rows.append(
                _report(
                    f"{key}-P", nip, unit, days[1], "REH-02", 1, "SUBMITTED", reviewer, 0,
                    "MENUNGGU_VERIFIKASI", f"Asesmen menunggu {key}",
                )
            )  # fmt: skip
    return pd.DataFrame(rows)


def review_backlog_frame(reports: pd.DataFrame, nips: dict[str, str]) -> pd.DataFrame:
    """fct_review_backlog as the mart defines it, over the fixture's reports (the reviewer of a
    pending report: the employee's head, as above)."""
    units = {nips["A"]: "BIRO_UMUM", nips["F"]: "DIT_ANAK", SEKJEN_NIP: "SETJEN"}
    heads = {"BIRO_UMUM": nips["A"], "DIT_ANAK": nips["F"]}
    submitted = reports[~reports["is_deleted"] & (reports["status"] != "DRAFT")].copy()
    submitted["reviewer"] = [
        heads.get(u, SEKJEN_NIP) if heads.get(u) != n else SEKJEN_NIP
        for u, n in zip(submitted["unit_id"], submitted["nip"], strict=True)
    ]
    rows = []
    for (reviewer, period), group in submitted.groupby(["reviewer", "period"]):
        pending = group[group["status"] == "SUBMITTED"]
        reviewed = group[group["review_days"].notna()]
        oldest = (
            (PERIOD_END[period] - pending["submitted_at"].min().date()).days
            if not pending.empty
            else None
        )
        rows.append(
            {
                "reviewer_nip": reviewer,
                "period": period,
                "unit_id": units[reviewer],
                "reports_submitted": len(group),
                "reports_pending": len(pending),
                "oldest_pending_days": oldest,
                "median_review_days": float(reviewed["review_days"].median()),
                "review_target_days": 7,
                "reviewed_within_target_pct": round(100 * len(reviewed) / len(group), 2),
            }
        )
    return pd.DataFrame(rows)


def policy_parameter_frame() -> pd.DataFrame:
    """The R3 daily target and cap and the review target, as dim_policy_parameter holds them."""
    rows = [
        ("daily_target_minutes", 300, "minutes", "R3", "Perka BKN 19/2011 (waktu kerja efektif)"),
        ("daily_credit_cap_minutes", 660, "minutes", "R3", "PermenPAN-RB 6/2022"),
        ("review_target_days", 7, "days", "R3", "PermenPAN-RB 6/2022"),
    ]
    return pd.DataFrame(
        [
            {
                "parameter": name,
                "value": float(value),
                "unit": unit,
                "effective_from": date(2020, 1, 1),
                "effective_to": None,
                "rule_id": rule,
                "legal_basis": basis,
                "rule_set": "kemensos-2024",
            }
            for name, value, unit, rule, basis in rows
        ]
    )


def activity_frames(
    monthly: list[tuple], nips: dict[str, str], workdays: Callable[[str], list[date]]
) -> dict[str, pd.DataFrame]:
    reports = activity_report_frame(monthly, nips, workdays)
    return {
        "fct_activity_reports": reports,
        "fct_review_backlog": review_backlog_frame(reports, nips),
        "dim_policy_parameter": policy_parameter_frame(),
    }
