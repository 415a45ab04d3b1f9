"""Tiny contract-conforming sources for January 2025, with outcomes computed by hand.

January 2025 has 19 workdays (23 weekdays minus 1 Jan, 27 Jan Isra Mikraj, 28 Jan cuti bersama
Imlek, 29 Jan Imlek). Schedule NORMAL: Mon-Thu 07:30-16:00, Fri 07:30-16:30 (midpoints 11:45 and
12:00). Five employees exercise the R2-R4 edge cases; EXPECTED holds the hand-computed results.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import holidays

from ingestion.contract import APP, SIMPEG

T0 = datetime(2024, 12, 31, 12, 0, 0)  # updated_at of every source row
E1, E2, E3, E4, E5, E6, E7 = (
    "198501012010011001",  # PNS, class 7, DIT-A: perfect month
    "199002022020122002",  # CPNS, class 5, DIT-A: every TL/PSW band, single punches, a TK day
    "198803032012031003",  # PNS, class 9, UPT-B (WITA): zones, sick leave, DINAS_LUAR, sanction
    "199504042025011004",  # PNS, class 3, DIT-A: joins on 20 January (employment factor 7/19)
    "199205052018022005",  # PPPK, class 8, DIT-A: one TL2, net ends in exactly .5 rupiah
    "197001012000031006",  # PNS, class 6, DIT-A: leaves on 16 January (10 of 19 workdays)
    "198707072011012007",  # PNS, DIT-A class 11 until 17 Jan, then UPT-B (WITA) class 12
)
UNKNOWN_PIN = "199999999999999999"


def workdays_jan_2025() -> list[date]:
    hol = holidays.Indonesia(years=2025, categories=("public", "government"))
    days = [date(2025, 1, 1) + timedelta(d) for d in range(31)]
    return [d for d in days if d.weekday() < 5 and d not in hol]


def _end(d: date) -> str:
    return "16:30" if d.weekday() == 4 else "16:00"


def _punch(device: str, nip: str, d: date, hhmmss: str) -> dict:
    return {"device_sn": device, "pin": nip, "punch_time": f"{d} {hhmmss}"}


def simpeg_rows() -> dict[str, list[dict]]:
    units = [
        ("KEMENSOS", None, "Kementerian Sosial", 0, "PUSAT", "Asia/Jakarta"),
        ("DIT-A", "KEMENSOS", "Direktorat A", 1, "PUSAT", "Asia/Jakarta"),
        ("UPT-B", "DIT-A", "Sentra B Makassar", 2, "UPT", "Asia/Makassar"),
    ]
    employees = [
        (E1, "Andi", "L", date(1985, 1, 1), "PNS", "III/c", date(2010, 1, 1)),
        (E2, "Budi", "P", date(1990, 2, 2), "CPNS", "III/a", date(2020, 12, 1)),
        (E3, "Citra", "L", date(1988, 3, 3), "PNS", "III/d", date(2012, 3, 1)),
        (E4, "Dewi", "L", date(1995, 4, 4), "PNS", "II/a", date(2025, 1, 20)),
        (E5, "Eko", "P", date(1992, 5, 5), "PPPK", "VII", date(2018, 2, 1)),
        (E6, "Fajar", "L", date(1970, 1, 1), "PNS", "IV/a", date(2000, 3, 1)),
        (E7, "Gita", "P", date(1987, 7, 7), "PNS", "III/d", date(2011, 1, 1)),
    ]
    assignments = [
        (1, E1, "DIT-A", "Direktur", "STRUKTURAL", 7, None, date(2010, 1, 1), None),
        (2, E2, "DIT-A", "Analis", "PELAKSANA", 5, E1, date(2020, 12, 1), None),
        (3, E3, "UPT-B", "Pekerja Sosial", "FUNGSIONAL", 9, E1, date(2012, 3, 1), None),
        (4, E4, "DIT-A", "Pengadministrasi", "PELAKSANA", 3, E1, date(2025, 1, 20), None),
        (5, E5, "DIT-A", "Analis", "FUNGSIONAL", 8, E1, date(2018, 2, 1), None),
        (6, E6, "DIT-A", "Perencana", "FUNGSIONAL", 6, E1, date(2000, 3, 1), date(2025, 1, 15)),
        (7, E7, "DIT-A", "Analis", "FUNGSIONAL", 11, E1, date(2011, 1, 1), date(2025, 1, 17)),
        (8, E7, "UPT-B", "Kepala Seksi", "STRUKTURAL", 12, E1, date(2025, 1, 20), None),
    ]
    return {
        "org_unit": [
            dict(
                unit_id=u,
                parent_unit_id=p,
                unit_name=n,
                echelon=e,
                unit_kind=k,
                timezone=tz,
                province="DKI Jakarta",
                active=True,
                updated_at=T0,
            )
            for u, p, n, e, k, tz in units
        ],
        "employee": [
            dict(
                nip=nip,
                full_name=name,
                sex=sex,
                birth_date=b,
                employment_status=st,
                rank_grade=rank,
                rank_since=hired,
                hire_date=hired,
                exit_date=date(2025, 1, 16) if nip == E6 else None,
                updated_at=T0,
            )
            for nip, name, sex, b, st, rank, hired in employees
        ],
        "position_assignment": [
            dict(
                assignment_id=i,
                nip=nip,
                unit_id=u,
                position_title=t,
                position_kind=k,
                job_class=c,
                supervisor_nip=s,
                start_date=sd,
                end_date=ed,
                updated_at=T0,
            )
            for i, nip, u, t, k, c, s, sd, ed in assignments
        ],
        "disciplinary_sanction": [
            dict(
                sanction_id=1,
                nip=E3,
                sanction_type="PEMOTONGAN_TUKIN_6BL",
                start_date=date(2024, 12, 1),
                end_date=date(2025, 5, 31),
                decree_number="KEP-1/2024",
                updated_at=T0,
            ),
        ],
    }


def _report(i: int, nip: str, d: date, code: str, qty: str, status: str = "APPROVED") -> dict:
    return dict(
        report_id=f"00000000-0000-0000-0000-{i:012d}",
        nip=nip,
        activity_date=d,
        activity_code=code,
        quantity=Decimal(qty),
        start_time=None,
        end_time=None,
        description="Kegiatan",
        evidence_ref=None,
        status=status,
        submitted_at=T0,
        reviewed_by=E1,
        reviewed_at=T0,
        deleted=False,
        updated_at=T0,
    )


def app_rows() -> dict[str, list[dict]]:
    days = workdays_jan_2025()
    reports: list[dict] = []

    def add(nip: str, d: date, code: str, qty: str, status: str = "APPROVED") -> None:
        reports.append(_report(len(reports) + 1, nip, d, code, qty, status))

    for d in days:
        add(E1, d, "ACT-60", "5")  # 300 min
        add(E5, d, "ACT-60", "5")  # 300 min
        if d != date(2025, 1, 9):
            add(E2, d, "ACT-100", "2")  # 2 x 100 min to 15 Jan (9 days), 2 x 120 after (9 days)
        if d >= date(2025, 1, 20):
            add(E4, d, "ACT-60", "5")  # 300 min on the 7 assigned days
        if d <= date(2025, 1, 15):
            add(E6, d, "ACT-60", "5")  # 300 min on the 10 days before leaving
        add(E7, d, "ACT-60", "5")  # 300 min every day, before and after the transfer
        if d not in (date(2025, 1, 20), date(2025, 1, 21), date(2025, 1, 22), date(2025, 1, 24)):
            add(E3, d, "ACT-60", "6.25")  # 375 min on the 15 present days (14 HADIR + DINAS_LUAR)
    add(E2, date(2025, 1, 9), "ACT-60", "2")  # claimed on a TK day: not credited
    add(E1, date(2025, 1, 31), "ACT-60", "8")  # 300 + 480 = 780 that day: capped at 660
    add(E1, date(2025, 1, 2), "ACT-60", "3", "SUBMITTED")  # not approved: not credited
    add(E1, date(2025, 1, 3), "ACT-60", "3", "REJECTED")  # rejected: not credited
    return {
        "attendance_device": [
            dict(device_sn="DEV-JKT", unit_id="DIT-A", location="Jakarta", updated_at=T0),
            dict(device_sn="DEV-MKS", unit_id="UPT-B", location="Makassar", updated_at=T0),
        ],
        "activity_catalog": [
            dict(
                activity_code="ACT-60",
                activity_name="Menyusun laporan",
                standard_minutes=60,
                output_unit="laporan",
                rkakl_output_code="OUT-LAP",  # R11: every ACT-60 report counts for OUT-LAP
                valid_from=date(2024, 1, 1),
                valid_to=None,
                updated_at=T0,
            ),
            # A new catalogue version from 16 January: 100 -> 120 standard minutes (R3).
            dict(
                activity_code="ACT-100",
                activity_name="Verifikasi data",
                standard_minutes=100,
                output_unit="berkas",
                rkakl_output_code=None,
                valid_from=date(2024, 1, 1),
                valid_to=date(2025, 1, 15),
                updated_at=T0,
            ),
            dict(
                activity_code="ACT-100",
                activity_name="Verifikasi data",
                standard_minutes=120,
                output_unit="berkas",
                # R11: only the version valid from 16 January names an output.
                rkakl_output_code="OUT-VERIF",
                valid_from=date(2025, 1, 16),
                valid_to=None,
                updated_at=T0,
            ),
        ],
        "activity_report": reports,
        "leave_request": [
            dict(
                leave_id=1,
                nip=E3,
                leave_type="CUTI_SAKIT",
                start_date=date(2025, 1, 20),
                end_date=date(2025, 1, 22),
                status="APPROVED",
                document_number="S-1",
                updated_at=T0,
            ),
            dict(
                leave_id=2,
                nip=E3,
                leave_type="DINAS_LUAR",
                start_date=date(2025, 1, 23),
                end_date=date(2025, 1, 23),
                status="APPROVED",
                document_number="ST-2",
                updated_at=T0,
            ),
            dict(
                leave_id=3,
                nip=E3,
                leave_type="CUTI_TAHUNAN",
                start_date=date(2025, 1, 24),
                end_date=date(2025, 1, 24),
                status="PENDING",
                document_number=None,
                updated_at=T0,
            ),
        ],
        "behaviour_rating": [
            dict(nip=n, period="2025-01", rating=r, rated_by=E1, rated_at=T0)
            for n, r in [
                (E1, "SESUAI_EKSPEKTASI"),
                (E3, "DI_ATAS_EKSPEKTASI"),
                (E4, "SESUAI_EKSPEKTASI"),
                (E5, "SESUAI_EKSPEKTASI"),
                (E6, "SESUAI_EKSPEKTASI"),
                (E7, "SESUAI_EKSPEKTASI"),
            ]
        ],
        "rkakl_output": [
            dict(
                output_code="OUT-LAP",
                fiscal_year=2025,
                unit_id="UPT-B",
                output_name="Laporan pelaksanaan kegiatan",
                target_volume=Decimal("6000"),
                output_unit="laporan",
                budget_idr=Decimal("500000000"),
            ),
            dict(
                output_code="OUT-VERIF",
                fiscal_year=2025,
                unit_id="DIT-A",
                output_name="Data yang diverifikasi",
                target_volume=Decimal("1000"),
                output_unit="berkas",
                budget_idr=Decimal("1500000000"),
            ),
        ],
    }


def punch_rows() -> list[dict]:
    days = workdays_jan_2025()
    rows: list[dict] = []
    e2_special = {
        date(2025, 1, 2): ["07:45:59", "16:00:00"],  # late 15 (truncated) -> TL1 0.5
        date(2025, 1, 3): ["07:30:00", "16:29:59"],  # Friday, early 1 -> PSW1 0.5
        date(2025, 1, 6): ["11:44:59"],  # single, before 11:45 -> in only: TL4 + PSW4
        date(2025, 1, 7): ["11:45:00"],  # single, at midpoint -> out only: TL4 + PSW4
        date(2025, 1, 8): ["07:10:00", "07:10:40"],  # within 60 s = one punch -> PSW4 1.5
        date(2025, 1, 9): [],  # no punch, no leave -> TK 5
        date(2025, 1, 10): ["08:31:00", "16:30:00"],  # Friday, late 61 -> TL3 1.25
        date(2025, 1, 13): ["08:30:00", "16:00:00"],  # late 60 -> TL2 1.0
        date(2025, 1, 14): ["09:01:00", "16:00:00"],  # late 91 -> TL4 1.5
    }
    for d in days:
        rows += [_punch("DEV-JKT", E1, d, "07:20:00"), _punch("DEV-JKT", E1, d, f"{_end(d)}:10")]
        for t in e2_special.get(d, ["07:25:00", f"{_end(d)}:30"]):
            rows.append(_punch("DEV-JKT", E2, d, t))
        if d >= date(2025, 1, 20):
            rows += [
                _punch("DEV-JKT", E4, d, "07:00:00"),
                _punch("DEV-JKT", E4, d, f"{_end(d)}:00"),
            ]
        if d <= date(2025, 1, 15):
            rows += [
                _punch("DEV-JKT", E6, d, "07:20:00"),
                _punch("DEV-JKT", E6, d, f"{_end(d)}:00"),
            ]
        e7_device = "DEV-JKT" if d <= date(2025, 1, 17) else "DEV-MKS"  # each unit's local time
        rows += [_punch(e7_device, E7, d, "07:15:00"), _punch(e7_device, E7, d, f"{_end(d)}:05")]
        late = "08:15:00" if d == date(2025, 1, 16) else "07:29:00"  # 16 Jan: late 45 -> TL2
        rows += [_punch("DEV-JKT", E5, d, late), _punch("DEV-JKT", E5, d, f"{_end(d)}:05")]
        if d in (date(2025, 1, 20), date(2025, 1, 21), date(2025, 1, 22), date(2025, 1, 24)):
            continue  # E3: sick 20-22, absent 24 (leave request only PENDING -> TK)
        if d == date(2025, 1, 15):
            # At the Jakarta device: 06:40 WIB is 07:40 WITA -> late 10 -> TL1 0.5
            rows += [_punch("DEV-JKT", E3, d, "06:40:00"), _punch("DEV-MKS", E3, d, "16:05:00")]
        else:
            rows += [
                _punch("DEV-MKS", E3, d, "07:30:00"),
                _punch("DEV-MKS", E3, d, f"{_end(d)}:00"),
            ]
    return rows


# Hand-computed from RULES.md R2-R4 (see each employee's comment above).
EXPECTED = {
    # 18 x 300 + min(780, 660) = 6060 credited (daily cap 660): 106.32 % SESUAI; perf 1
    E1: dict(
        workdays=19,
        hadir_days=19,
        tk_days=0,
        leave_days=0,
        expected_days=19,
        attendance_deduction_pct=Decimal("0"),
        credited_minutes=Decimal("6060"),
        target_minutes=Decimal("5700"),
        capaian_pct=Decimal("106.32"),
        predicate="BAIK",
        tukin_potential_idr=3_915_950,
        tukin_net_idr=3_915_950,
    ),
    # 0.5+0.5+3+3+1.5+5+1.25+1+1.5 = 17.25 %; credited 9 x 200 + 9 x 240 = 3960 (catalogue
    # version by date); perf 3960/5700 = 0.694736...; potential 3,134,250 x 0.8 = 2,507,400;
    # net = 2,507,400 x (0.6 x 3960/5700 + 0.4 - 0.1725) = 1,615,623.39 -> 1,615,623
    E2: dict(
        workdays=19,
        hadir_days=18,
        tk_days=1,
        leave_days=0,
        expected_days=19,
        tl1_count=1,
        tl2_count=1,
        tl3_count=1,
        tl4_count=3,
        psw1_count=1,
        psw2_count=0,
        psw3_count=0,
        psw4_count=3,
        attendance_deduction_pct=Decimal("17.25"),
        credited_minutes=Decimal("3960"),
        target_minutes=Decimal("5700"),
        capaian_pct=Decimal("69.47"),
        work_result_rating="DI_BAWAH_EKSPEKTASI",
        behaviour_rating="SESUAI_EKSPEKTASI",
        predicate="BUTUH_PERBAIKAN",
        tukin_potential_idr=2_507_400,
        tukin_net_idr=1_615_623,
    ),
    # 19 workdays = 14 HADIR + 1 DINAS_LUAR (present) + 3 sick + 1 TK; expected = 19 - 3 = 16
    # (the TK day stays expected); TK 5 % + TL1 0.5 % = 5.5 %; credited 15 x 375 = 5625 vs
    # 4800 -> 117.19 % DI_ATAS; perf 1; leave factor 0.75 (3 sick days); sanction 25 %;
    # net = 5,079,200 x 0.945 x 0.75 x (1 - 0.25) = 2,699,912.25 -> 2,699,912
    E3: dict(
        workdays=19,
        hadir_days=15,
        tk_days=1,
        leave_days=3,
        expected_days=16,
        tl1_count=1,
        attendance_deduction_pct=Decimal("5.5"),
        credited_minutes=Decimal("5625"),
        target_minutes=Decimal("4800"),
        capaian_pct=Decimal("117.19"),
        work_result_rating="DI_ATAS_EKSPEKTASI",
        predicate="SANGAT_BAIK",
        leave_factor=Decimal("0.75"),
        sanction_cut_pct=Decimal("25"),
        tukin_potential_idr=5_079_200,
        tukin_net_idr=2_699_912,
    ),
    # 7 of 19 workdays: potential 2,898,000 x 7/19 = 1,067,684.21 -> 1,067,684
    E4: dict(
        workdays=19,
        hadir_days=7,
        tk_days=0,
        leave_days=0,
        expected_days=7,
        credited_minutes=Decimal("2100"),
        target_minutes=Decimal("2100"),
        predicate="BAIK",
        tukin_potential_idr=1_067_684,
        tukin_net_idr=1_067_684,
    ),
    # TL2 1 %: 4,595,150 x 0.99 = 4,549,198.5 -> half-up 4,549,199 (banker's would give ...198)
    E5: dict(
        workdays=19,
        hadir_days=19,
        tl2_count=1,
        attendance_deduction_pct=Decimal("1"),
        predicate="BAIK",
        tukin_potential_idr=4_595_150,
        tukin_net_idr=4_549_199,
    ),
    # Leaver: employed until 15 Jan, 10 of 19 workdays; 3,510,400 x 10/19 = 1,847,578.95
    E6: dict(
        workdays=19,
        hadir_days=10,
        expected_days=10,
        credited_minutes=Decimal("3000"),
        target_minutes=Decimal("3000"),
        employment_factor=Decimal("0.526316"),
        predicate="BAIK",
        tukin_potential_idr=1_847_579,
        tukin_net_idr=1_847_579,
    ),
    # Transfer: the assignment on the last day counts (UPT-B, class 12: 9,896,000); 19 days.
    E7: dict(
        workdays=19,
        hadir_days=19,
        unit_id="UPT-B",
        job_class=12,
        attendance_deduction_pct=Decimal("0"),
        predicate="BAIK",
        tukin_potential_idr=9_896_000,
        tukin_net_idr=9_896_000,
    ),
}

# Hand-checked days of fct_attendance_daily: (nip, date) -> expected columns.
EXPECTED_DAYS = {
    (E2, date(2025, 1, 2)): dict(
        status="HADIR", late_minutes=15, tl_code="TL1", psw_code=None, deduction_pct=Decimal("0.5")
    ),
    (E2, date(2025, 1, 3)): dict(early_minutes=1, tl_code=None, psw_code="PSW1"),
    (E2, date(2025, 1, 6)): dict(
        check_out_local=None,
        tl_code="TL4",
        psw_code="PSW4",
        late_minutes=254,
        deduction_pct=Decimal("3"),
    ),
    (E2, date(2025, 1, 7)): dict(
        check_in_local=None,
        tl_code="TL4",
        psw_code="PSW4",
        early_minutes=255,
        deduction_pct=Decimal("3"),
    ),
    (E2, date(2025, 1, 8)): dict(
        check_in_local=datetime(2025, 1, 8, 7, 10),
        check_out_local=None,
        tl_code=None,
        psw_code="PSW4",
    ),
    (E2, date(2025, 1, 9)): dict(
        status="TK", tl_code=None, psw_code=None, deduction_pct=Decimal("5")
    ),
    (E2, date(2025, 1, 10)): dict(late_minutes=61, tl_code="TL3"),
    (E2, date(2025, 1, 13)): dict(late_minutes=60, tl_code="TL2"),
    (E2, date(2025, 1, 14)): dict(late_minutes=91, tl_code="TL4"),
    (E3, date(2025, 1, 15)): dict(
        check_in_local=datetime(2025, 1, 15, 7, 40), late_minutes=10, tl_code="TL1"
    ),
    (E3, date(2025, 1, 20)): dict(status="CUTI_SAKIT", tl_code=None, deduction_pct=Decimal("0")),
    (E3, date(2025, 1, 23)): dict(status="DINAS_LUAR", deduction_pct=Decimal("0")),
    (E3, date(2025, 1, 24)): dict(status="TK", deduction_pct=Decimal("5")),
    (E7, date(2025, 1, 17)): dict(
        unit_id="DIT-A", tl_code=None, check_in_local=datetime(2025, 1, 17, 7, 15)
    ),
    (E7, date(2025, 1, 20)): dict(
        unit_id="UPT-B", tl_code=None, check_in_local=datetime(2025, 1, 20, 7, 15)
    ),
}


def assert_hand_computed_month(warehouse: Path, nip: str) -> None:
    """The employee's January in marts.fct_employee_monthly equals EXPECTED, column by column."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute(
            "select * from marts.fct_employee_monthly where nip = ? and period = '2025-01'", [nip]
        )
        names = [d[0] for d in cursor.description]
        actual = dict(zip(names, cursor.fetchone(), strict=True))
    for column, expected in EXPECTED[nip].items():
        value = Decimal(str(actual[column])) if isinstance(expected, Decimal) else actual[column]
        assert value == expected, f"{nip} {column}: {value} != {expected}"


def write_tiny_sources(
    simpeg_url: str, app_url: str, attendance_dir: Path, defects: bool = True
) -> None:
    """Write the sources; with ``defects`` add an unknown PIN and a truncated last line."""
    import pandas as pd

    from simulator.writer import write_database, write_device_files

    write_database(simpeg_url, SIMPEG, simpeg_rows())
    write_database(app_url, APP, app_rows())
    punches = pd.DataFrame(punch_rows())
    punches["verify_mode"] = "FINGER"
    punches["punch_state"] = "0"
    write_device_files(attendance_dir, punches)
    if defects:
        extra = attendance_dir / "DEV-JKT" / "2025-01-31.csv"
        text = extra.read_text(encoding="utf-8")
        text += f"DEV-JKT,{UNKNOWN_PIN},2025-01-31 07:00:00,FINGER,0\nDEV-JKT,{E1},2025-01-3"
        extra.write_text(text, encoding="utf-8")


# R11 by hand. ACT-60 counts for OUT-LAP (UPT-B, target 6,000 laporan, budget 500 M);
# ACT-100 only from its 16 January version for OUT-VERIF (DIT-A, target 1,000 berkas, 1.5 bn).
# Volume OUT-LAP = approved, credited ACT-60 quantities: E1 19 x 5 + 8 = 103 (the SUBMITTED and
# REJECTED reports do not count), E5 95, E7 95, E4 7 x 5 = 35, E6 10 x 5 = 50, E3 15 x 6.25 = 93.75;
# E2's 2 on its TK day do not count: 471.75 -> 7.86 % against a plan of 1/12 = 8.33 %.
# OUT-VERIF = E2's 9 days from 16 January x 2 = 18 berkas -> 1.80 %. Neither trails by > 15.
# Tukin: E1, E3-E7 spend all credited minutes on OUT-LAP, so it gets their whole net:
# 3,915,950 + 2,699,912 + 1,067,684 + 4,549,199 + 1,847,579 + 9,896,000 = 23,976,324, i.e.
# 23,976,324 / 471.75 = 50,824.22 -> 50,824 per laporan. E2 (net 1,615,623) has 2,160 minutes on
# OUT-VERIF and 1,800 on the old ACT-100 version with no output: 1,615,623 x 2160/3960 =
# 881,248.91 -> 881,249 to OUT-VERIF (48,958.28 -> 48,958 per berkas), remainder 734,374 to
# TANPA_OUTPUT; 881,249 + 734,374 = 1,615,623.
EXPECTED_OUTPUTS = {
    "OUT-LAP": dict(
        unit_id="UPT-B",
        realised_volume=Decimal("471.75"),
        realisation_pct=Decimal("7.86"),
        planned_pct=Decimal("8.33"),
        status="SESUAI_RENCANA",
        budget_idr=500_000_000,
        allocated_tukin_idr=23_976_324,
        tukin_per_unit_idr=50_824,
    ),
    "OUT-VERIF": dict(
        unit_id="DIT-A",
        realised_volume=Decimal("18"),
        realisation_pct=Decimal("1.80"),
        planned_pct=Decimal("8.33"),
        status="SESUAI_RENCANA",
        budget_idr=1_500_000_000,
        allocated_tukin_idr=881_249,
        tukin_per_unit_idr=48_958,
    ),
}
EXPECTED_E2_ALLOCATION = {"OUT-VERIF": 881_249, "TANPA_OUTPUT": 734_374}
# Per unit: DIT-A's employee-months credit 6,060 + 3,960 + 2,100 + 5,700 + 3,000 = 20,820 minutes,
# 1,800 with no output (8.65 %); UPT-B's 5,625 + 5,700 = 11,325, none without (0.00 %); the DIT-A
# subtree 32,145 -> 5.60 %. Budget-weighted realisation of the DIT-A subtree:
# (500 M x 7.8625 % + 1,500 M x 1.8 %) / 2,000 M = 3.315625 -> 3.32 %.
EXPECTED_OUTPUT_UNITS = {
    ("DIT-A", "DIRECT"): dict(
        realisation_pct=Decimal("1.80"), no_output_minutes_pct=Decimal("8.65")
    ),
    ("UPT-B", "DIRECT"): dict(
        realisation_pct=Decimal("7.86"), no_output_minutes_pct=Decimal("0.00")
    ),
    ("DIT-A", "SUBTREE"): dict(
        realisation_pct=Decimal("3.32"), no_output_minutes_pct=Decimal("5.60")
    ),
    ("KEMENSOS", "SUBTREE"): dict(
        realisation_pct=Decimal("3.32"), no_output_minutes_pct=Decimal("5.60")
    ),
}
# R12 by hand, one period: E3 117.19 % and DI_ATAS -> HIGH/HIGH, SIAP_PENGEMBANGAN_KARIER;
# E2 69.47 % -> LOW/MID (one LOW month of the two needed, no referral): no recommendation;
# the others MID/MID (E1 106.32 %, unrated or SESUAI behaviour).
EXPECTED_DEVELOPMENT = {
    E1: ("MID", "MID", None),
    E2: ("LOW", "MID", None),
    E3: ("HIGH", "HIGH", "SIAP_PENGEMBANGAN_KARIER"),
    E4: ("MID", "MID", None),
    E5: ("MID", "MID", None),
    E6: ("MID", "MID", None),
    E7: ("MID", "MID", None),
}
