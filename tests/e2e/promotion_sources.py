"""Sources with two complete years of history (2024-01 .. 2026-01), so that R8 can find someone
ELIGIBLE for a regular promotion as of 2026-01 (the 3-month demo cannot: a year counts only when
the warehouse holds all its 12 periods).

Four PNS of DIT-A, job class 7, work every workday on time (punches 07:20 and 16:40, inside every
NORMAL and RAMADAN schedule) and report ACT-60 x 5 = 300 credited minutes a day: capaian 100 %
(SESUAI), behaviour unrated (SESUAI), so the annual predicate of 2024 and 2025 is BAIK for all.
As of 2026-01 (period end 31 Jan 2026; sanctions window 1 Feb 2025 - 31 Jan 2026), by hand:
  P1 III/b since 1 Jun 2021: due 1 Jun 2025, nothing blocks -> ELIGIBLE (next III/c)
  P2 III/c since 1 Mar 2020: due 1 Mar 2024; its TEGURAN_LISAN of late 2025 does not block
     -> ELIGIBLE (next III/d)
  P3 II/d since 1 Jan 2021: due 1 Jan 2025; a TEGURAN_TERTULIS from 1 Oct 2025
     -> BLOCKED HUKUMAN_DISIPLIN
  P4 III/a since 1 Jan 2023: due 1 Jan 2027, after the 6-month soon window (31 Jul 2026)
     -> BLOCKED MASA_KERJA_BELUM_CUKUP
P2's name starts with "@", which a spreadsheet would run as a formula: the export neutralises it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import holidays

from ingestion.contract import APP, SIMPEG

T0 = datetime(2023, 12, 31, 12, 0, 0)
FIRST_DAY, LAST_DAY = date(2024, 1, 1), date(2026, 1, 31)
P1, P2, P3, P4 = (
    "198001012005011001",
    "198202022006022002",
    "198303032007031003",
    "198404042008042004",
)
# nip -> (name, rank, rank since)
PEOPLE = {
    P1: ("Hadi Santoso", "III/b", date(2021, 6, 1)),
    P2: ("@Indah Permata", "III/c", date(2020, 3, 1)),
    P3: ("Joko Widodo", "II/d", date(2021, 1, 1)),
    P4: ("Kartika Sari", "III/a", date(2023, 1, 1)),
}
# The decree batch of 2026-01, by hand (see the module docstring).
EXPECTED_BATCH = [
    dict(
        nip=P1,
        rank_grade="III/b",
        next_rank_grade="III/c",
        rank_since="2021-06-01",
        eligible_from="2025-06-01",
        annual_predicates="2024: BAIK, 2025: BAIK",
    ),
    dict(
        nip=P2,
        rank_grade="III/c",
        next_rank_grade="III/d",
        rank_since="2020-03-01",
        eligible_from="2024-03-01",
        annual_predicates="2024: BAIK, 2025: BAIK",
    ),
]
EXPECTED_BLOCKED = {P3: "HUKUMAN_DISIPLIN", P4: "MASA_KERJA_BELUM_CUKUP"}


def workdays() -> list[date]:
    hol = holidays.Indonesia(years=(2024, 2025, 2026), categories=("public", "government"))
    days = [FIRST_DAY + timedelta(d) for d in range((LAST_DAY - FIRST_DAY).days + 1)]
    return [d for d in days if d.weekday() < 5 and d not in hol]


def _simpeg_rows() -> dict[str, list[dict]]:
    units = [("KEMENSOS", None, "Kementerian Sosial", 0), ("DIT-A", "KEMENSOS", "Direktorat A", 1)]
    return {
        "org_unit": [
            dict(
                unit_id=u,
                parent_unit_id=p,
                unit_name=n,
                echelon=e,
                unit_kind="PUSAT",
                timezone="Asia/Jakarta",
                province="DKI Jakarta",
                active=True,
                updated_at=T0,
            )
            for u, p, n, e in units
        ],
        "employee": [
            dict(
                nip=nip,
                full_name=name,
                sex="L",
                birth_date=date(1980, 1, 1),
                employment_status="PNS",
                rank_grade=rank,
                rank_since=since,
                hire_date=date(2005, 1, 1),
                exit_date=None,
                updated_at=T0,
            )
            for nip, (name, rank, since) in PEOPLE.items()
        ],
        "position_assignment": [
            dict(
                assignment_id=i,
                nip=nip,
                unit_id="DIT-A",
                position_title="Analis",
                position_kind="FUNGSIONAL",
                job_class=7,
                supervisor_nip=None,
                start_date=date(2015, 1, 1),
                end_date=None,
                updated_at=T0,
            )
            for i, nip in enumerate(PEOPLE, start=1)
        ],
        "disciplinary_sanction": [
            dict(
                sanction_id=1,
                nip=P2,
                sanction_type="TEGURAN_LISAN",
                start_date=date(2025, 9, 1),
                end_date=date(2025, 12, 31),
                decree_number="KEP-L/2025",
                updated_at=T0,
            ),
            dict(
                sanction_id=2,
                nip=P3,
                sanction_type="TEGURAN_TERTULIS",
                start_date=date(2025, 10, 1),
                end_date=date(2026, 3, 31),
                decree_number="KEP-T/2025",
                updated_at=T0,
            ),
        ],
    }


def _app_rows(days: list[date]) -> dict[str, list[dict]]:
    reports = [
        dict(
            report_id=f"00000000-0000-0000-{i // 10**12:04d}-{i % 10**12:012d}",
            nip=nip,
            activity_date=d,
            activity_code="ACT-60",
            quantity=Decimal("5"),
            start_time=None,
            end_time=None,
            description="Kegiatan",
            evidence_ref=None,
            status="APPROVED",
            submitted_at=T0,
            reviewed_by=None,
            reviewed_at=T0,
            deleted=False,
            updated_at=T0,
        )
        for i, (nip, d) in enumerate(((n, d) for d in days for n in PEOPLE), start=1)
    ]
    return {
        "attendance_device": [
            dict(device_sn="DEV-JKT", unit_id="DIT-A", location="Jakarta", updated_at=T0)
        ],
        "activity_catalog": [
            dict(
                activity_code="ACT-60",
                activity_name="Menyusun laporan",
                standard_minutes=60,
                output_unit="laporan",
                rkakl_output_code=None,
                valid_from=date(2023, 1, 1),
                valid_to=None,
                updated_at=T0,
            )
        ],
        "activity_report": reports,
        "leave_request": [],
        "behaviour_rating": [],
        "rkakl_output": [],
    }


def write_promotion_sources(simpeg_url: str, app_url: str, attendance_dir: Path) -> None:
    import pandas as pd

    from simulator.writer import write_database, write_device_files

    days = workdays()
    write_database(simpeg_url, SIMPEG, _simpeg_rows())
    write_database(app_url, APP, _app_rows(days))
    punches = pd.DataFrame(
        [
            {"device_sn": "DEV-JKT", "pin": nip, "punch_time": f"{d} {t}"}
            for d in days
            for nip in PEOPLE
            for t in ("07:20:00", "16:40:00")
        ]
    )
    punches["verify_mode"] = "FINGER"
    punches["punch_state"] = "0"
    write_device_files(attendance_dir, punches)
