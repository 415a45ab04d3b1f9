"""A tiny fake serving release (eperf.serving layout) with hand-made Parquet files, and a users
file with one account per role.

Two periods, two eselon I units, seven employees. The hand-computed numbers the tests pin:

2025-01 (6 employees, all 20 workdays): hadir 117, TK 3 → attendance 117/120 = 97.5 %,
TK rate 3/120 = 2.5 %; TL 2, PSW 0; capaian all 90 → 90.0; tukin 36 M of 40 M → 90.0 %.

2025-02 (7 employees): hadir 133, TK 7 → attendance 133/140 = 95.0 %, TK rate 7/140 = 5.0 %;
TL 3, PSW 2; capaian avg 700/7 = 100.0; tukin 35 M of 40 M → 87.5 %; net Rp 35.000.000.
By eselon I in 2025-02: Sekretariat Jenderal (5 employees in Biro Umum) attendance 93/100 = 93.0 %,
TK 7.0 %, realisation 30/35 M = 85.714… %; Ditjen Rehabilitasi Sosial (2) 100 %, 0 %, 100 %.

fct_unit_monthly is aggregated here from the employee rows the way R5 defines it (DIRECT and
SUBTREE per unit); fct_attendance_daily and fct_tukin_lines are generated consistently with the
employee rows: one line per TL/PSW/TK occurrence on its day, then one PERFORMANCE line with the
rest, so Σ lines = potential − net for every employee-month.

Unit ``REHSOSX`` (no employees) sits next to ``REHSOS``: its path starts with REHSOS's path but
is not below it — the trap for a subtree filter that forgets the '/'.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st

from dashboards.lib import auth, users
from dashboards.lib.access import Role
from eperf.serving import MANIFEST, POINTER, RELEASES
from tests.dashboards.activities_fixture import activity_frames
from tests.dashboards.labels_fixture import label_frames
from tests.dashboards.leadership_fixture import leadership_frames

RELEASE_ID = "20250301T000000000000Z-abcdef12"

ORG_UNITS = [
    # unit_id, parent, name, echelon, eselon1_unit_id, eselon1_unit_name
    ("KEMENSOS", None, "Kementerian Sosial", 0, None, None),
    ("SETJEN", "KEMENSOS", "Sekretariat Jenderal", 1, "SETJEN", "Sekretariat Jenderal"),
    ("BIRO_UMUM", "SETJEN", "Biro Umum", 2, "SETJEN", "Sekretariat Jenderal"),
    ("REHSOS", "KEMENSOS", "Ditjen Rehabilitasi Sosial", 1, "REHSOS", "Ditjen Rehabilitasi Sosial"),
    ("DIT_ANAK", "REHSOS", "Direktorat Rehsos Anak", 2, "REHSOS", "Ditjen Rehabilitasi Sosial"),
    ("REHSOSX", "KEMENSOS", "Unit Lama Rehsos", 1, "REHSOSX", "Unit Lama Rehsos"),
]

# Employee key → (NIP, full name). Names and NIPs must never reach EVALUATOR_RB or PERENCANA.
EMPLOYEES = {
    "A": ("198001012005011001", "Budi Santoso"),
    "B": ("198502022010012002", "Siti Rahmawati"),
    "C": ("199003032015011003", "Agus Pratama"),
    "D": ("199104042016012004", "Dewi Lestari"),
    "E": ("199205052017011005", "Eko Saputra"),
    "F": ("198806062012012006", "Fitri Handayani"),
    "G": ("199507072020011007", "Gilang Ramadhan"),
    "H": ("199608082021011008", "Hendra Wijaya"),  # only in releases written with EXTRA_MONTHLY
}
NIP = {key: nip for key, (nip, _) in EMPLOYEES.items()}

MONTHLY = [
    # key, period, unit_id, hadir, tk, tl1, tl2, tl4, psw1, psw3, capaian, potential, net
    ("A", "2025-01", "BIRO_UMUM", 20, 0, 2, 0, 0, 0, 0, 90.0, 10_000_000, 9_000_000),
    ("B", "2025-01", "BIRO_UMUM", 17, 3, 0, 0, 0, 0, 0, 90.0, 10_000_000, 8_000_000),
    ("C", "2025-01", "BIRO_UMUM", 20, 0, 0, 0, 0, 0, 0, 90.0, 5_000_000, 5_000_000),
    ("D", "2025-01", "BIRO_UMUM", 20, 0, 0, 0, 0, 0, 0, 90.0, 5_000_000, 5_000_000),
    ("E", "2025-01", "BIRO_UMUM", 20, 0, 0, 0, 0, 0, 0, 90.0, 5_000_000, 4_500_000),
    ("F", "2025-01", "DIT_ANAK", 20, 0, 0, 0, 0, 0, 0, 90.0, 5_000_000, 4_500_000),
    ("A", "2025-02", "BIRO_UMUM", 20, 0, 1, 0, 0, 0, 1, 100.0, 10_000_000, 9_000_000),
    ("B", "2025-02", "BIRO_UMUM", 16, 4, 0, 1, 0, 0, 0, 80.0, 10_000_000, 7_000_000),
    ("C", "2025-02", "BIRO_UMUM", 20, 0, 0, 0, 0, 0, 0, 120.0, 5_000_000, 5_000_000),
    ("D", "2025-02", "BIRO_UMUM", 17, 3, 0, 0, 1, 1, 0, 90.0, 5_000_000, 4_000_000),
    ("E", "2025-02", "BIRO_UMUM", 20, 0, 0, 0, 0, 0, 0, 110.0, 5_000_000, 5_000_000),
    ("F", "2025-02", "DIT_ANAK", 20, 0, 0, 0, 0, 0, 0, 100.0, 4_000_000, 4_000_000),
    ("G", "2025-02", "DIT_ANAK", 20, 0, 0, 0, 0, 0, 0, 100.0, 1_000_000, 1_000_000),
]
EXTRA_MONTHLY = [("H", "2025-02", "REHSOSX", 19, 1, 0, 0, 0, 0, 0, 95.0, 3_000_000, 2_000_000)]

# R2 deduction per occurrence, % of the month's tukin.
BAND_PCT = {"TL1": 0.5, "TL2": 1.0, "TL4": 1.5, "PSW1": 0.5, "PSW3": 1.25, "TK": 5.0}

# Accounts of the users file (password: "<username>-sandi").
ACCOUNTS = {
    "menteri": (Role.MENTERI, None, None),
    "pimpinan-setjen": (Role.PIMPINAN, "SETJEN", None),
    "pimpinan-rehsos": (Role.PIMPINAN, "REHSOS", None),
    "perencana-setjen": (Role.PERENCANA, "SETJEN", None),
    "evaluator": (Role.EVALUATOR_RB, "KEMENSOS", None),
    "pegawai-b": (Role.PEGAWAI, None, NIP["B"]),
    "admin": (Role.ADMIN_DATA, None, None),
}


def password_of(username: str) -> str:
    return f"{username}-sandi"


def _paths() -> dict[str, str]:
    parents = {unit: parent for unit, parent, *_ in ORG_UNITS}

    def path(unit: str) -> str:
        parent = parents[unit]
        return unit if parent is None else f"{path(parent)}/{unit}"

    return {unit: path(unit) for unit in parents}


def org_unit_frame() -> pd.DataFrame:
    """dim_org_unit with every contract column."""
    paths = _paths()
    rows = [
        {
            "unit_id": unit_id,
            "parent_unit_id": parent,
            "unit_name": name,
            "echelon": echelon,
            "unit_kind": "PUSAT",
            "timezone": "Asia/Jakarta",
            "province": "DKI Jakarta",
            "active": True,
            "depth": paths[unit_id].count("/"),
            "path": paths[unit_id],
            "eselon1_unit_id": e1_id,
            "eselon1_unit_name": e1_name,
        }
        for unit_id, parent, name, echelon, e1_id, e1_name in ORG_UNITS
    ]
    return pd.DataFrame(rows)


def employee_frame() -> pd.DataFrame:
    """dim_employee (personal data)."""
    rows = [
        {
            "nip": nip,
            "full_name": name,
            "sex": "L",
            "birth_date": date(1980, 1, 1),
            "employment_status": "PNS",
            "rank_grade": "III/a",
            "rank_since": date(2020, 1, 1),
            "hire_date": date(2005, 1, 1),
            "exit_date": None,
        }
        for nip, name in EMPLOYEES.values()
    ]
    return pd.DataFrame(rows)


def employee_monthly_frame(monthly: list[tuple] = MONTHLY) -> pd.DataFrame:
    """fct_employee_monthly with every contract column; 20 workdays each, no leave."""
    rows = []
    for key, period, unit, hadir, tk, tl1, tl2, tl4, psw1, psw3, capaian, pot, net in monthly:
        rows.append(
            {
                "nip": NIP[key],
                "period": period,
                "unit_id": unit,
                "job_class": 7,
                "employment_status": "PNS",
                "workdays": 20,
                "assigned_workdays": 20,
                "expected_days": 20,
                "hadir_days": hadir,
                "tk_days": tk,
                "leave_days": 0,
                "tl1_count": tl1,
                "tl2_count": tl2,
                "tl3_count": 0,
                "tl4_count": tl4,
                "psw1_count": psw1,
                "psw2_count": 0,
                "psw3_count": psw3,
                "psw4_count": 0,
                "attendance_deduction_pct": 0.0,
                "credited_minutes": capaian * 60,
                "target_minutes": 6000.0,
                "capaian_pct": capaian,
                "work_result_rating": "SESUAI_EKSPEKTASI",
                "behaviour_rating": "SESUAI_EKSPEKTASI",
                "predicate": "BAIK",
                "perf_factor": min(1.0, capaian / 100),
                "employment_factor": 1.0,
                "leave_factor": 1.0,
                "sanction_cut_pct": 0.0,
                "tukin_base_idr": pot,
                "tukin_potential_idr": pot,
                "tukin_net_idr": net,
            }
        )
    return pd.DataFrame(rows)


def unit_monthly_frame(employee_monthly: pd.DataFrame) -> pd.DataFrame:
    """fct_unit_monthly: R5 measures per unit, period and scope (DIRECT / SUBTREE)."""
    paths = _paths()
    months = employee_monthly.assign(path=employee_monthly["unit_id"].map(paths))
    rows = []
    for unit, unit_path in paths.items():
        for period, in_period in months.groupby("period"):
            below = in_period["path"].map(lambda p, up=unit_path: p == up or p.startswith(up + "/"))
            if not below.any():
                continue
            for scope, members in (
                ("DIRECT", in_period[in_period["unit_id"] == unit]),
                ("SUBTREE", in_period[below]),
            ):
                rows.append(_unit_row(unit, period, scope, members))
    return pd.DataFrame(rows)


def _unit_row(unit: str, period: str, scope: str, members: pd.DataFrame) -> dict:
    tl = members[["tl1_count", "tl2_count", "tl3_count", "tl4_count"]].to_numpy().sum()
    psw = members[["psw1_count", "psw2_count", "psw3_count", "psw4_count"]].to_numpy().sum()
    potential, net = members["tukin_potential_idr"].sum(), members["tukin_net_idr"].sum()
    n = len(members)
    return {
        "unit_id": unit,
        "period": period,
        "scope": scope,
        "headcount": n,
        "employee_months": n,
        "fte": float(members["employment_factor"].sum()),
        "workdays": int(members["assigned_workdays"].sum()),
        "hadir_days": int(members["hadir_days"].sum()),
        "tk_days": int(members["tk_days"].sum()),
        "leave_days": int(members["leave_days"].sum()),
        "tl_count": int(tl),
        "psw_count": int(psw),
        "capaian_pct_sum": float(members["capaian_pct"].sum()),
        "capaian_pct_n": n,
        "avg_capaian_pct": round(float(members["capaian_pct"].mean()), 2) if n else None,
        "credited_minutes": float(members["credited_minutes"].sum()),
        "n_sangat_baik": 0,
        "n_baik": n,
        "n_butuh_perbaikan": 0,
        "n_kurang": 0,
        "n_sangat_kurang": 0,
        "tukin_potential_idr": int(potential),
        "tukin_net_idr": int(net),
        "realisation_pct": round(100 * net / potential, 2) if potential else None,
    }


def _workdays(period: str) -> list[date]:
    """The first 20 Monday–Friday dates of the period."""
    day = date.fromisoformat(f"{period}-01")
    days = []
    while len(days) < 20:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def _employee_days(row: tuple) -> list[dict]:
    """One attendance row per workday: TK on the last ``tk`` days, then the TL and PSW codes on
    the first present days, in the order of the monthly counts."""
    key, period, unit, hadir, tk, tl1, tl2, tl4, psw1, psw3, *_ = row
    days = _workdays(period)
    tl_codes = ["TL1"] * tl1 + ["TL2"] * tl2 + ["TL4"] * tl4
    psw_codes = ["PSW1"] * psw1 + ["PSW3"] * psw3
    late = {"TL1": 10, "TL2": 45, "TL4": 120}
    early = {"PSW1": 15, "PSW3": 75}
    records = []
    for index, day in enumerate(days):
        absent = index >= hadir
        tl = tl_codes[index] if index < len(tl_codes) and not absent else None
        psw = psw_codes[index] if index < len(psw_codes) and not absent else None
        start = pd.Timestamp(day) + pd.Timedelta(hours=7, minutes=30)
        records.append(
            {
                "nip": NIP[key],
                "work_date": day,
                "period": period,
                "unit_id": unit,
                "status": "TK" if absent else "HADIR",
                "check_in_local": None if absent else start + pd.Timedelta(minutes=late.get(tl, 0)),
                "check_out_local": None
                if absent
                else start + pd.Timedelta(hours=8, minutes=30 - early.get(psw, 0)),
                "late_minutes": None if absent else late.get(tl, 0),
                "early_minutes": None if absent else early.get(psw, 0),
                "tl_code": tl,
                "psw_code": psw,
                "deduction_pct": BAND_PCT["TK"]
                if absent
                else BAND_PCT.get(tl, 0) + BAND_PCT.get(psw, 0),
            }
        )
    return records


def attendance_frame(monthly: list[tuple] = MONTHLY) -> pd.DataFrame:
    """fct_attendance_daily consistent with the monthly counts."""
    return pd.DataFrame([day for row in monthly for day in _employee_days(row)])


# The legal_basis of the kemensos-2024 policy rows behind the fixture's lines, as the seeds write
# them (policy_attendance_bands TL/PSW and TK, policy_parameters weight_performance).
_KEMENSOS = "Ditetapkan kementerian berdasarkan Perpres 71/2023 dan Permensos 07/2014 (tunjangan "
BAND_BASIS = (
    _KEMENSOS + "kinerja Kemensos), pola PermenPAN-RB 63/2011: potongan per kejadian terlambat "
    "masuk (TL) atau pulang sebelum waktunya (PSW)"
)
TK_BASIS = (
    _KEMENSOS + "kinerja Kemensos), pola PermenPAN-RB 63/2011: tidak masuk kerja tanpa keterangan "
    "(TK) 5 % per hari"
)
WEIGHT_BASIS = (
    "Ditetapkan kementerian berdasarkan Perpres 71/2023 dan PermenPAN-RB 63/2011 (penataan sistem "
    "tunjangan kinerja): bobot capaian kinerja 60 %"
)
LINE_BASIS = {"TL": BAND_BASIS, "PSW": BAND_BASIS, "TK": TK_BASIS, "PERFORMANCE": WEIGHT_BASIS}


def tukin_lines_frame(monthly: list[tuple] = MONTHLY) -> pd.DataFrame:
    """fct_tukin_lines: each TL, PSW and TK occurrence on its day, then PERFORMANCE with the rest
    (so the lines add up to potential − net)."""
    rows = []
    for row in monthly:
        key, period, *_, potential, net = row
        days = pd.DataFrame(_employee_days(row))
        occurrences = []
        for cause, column in (("TL", "tl_code"), ("PSW", "psw_code")):
            for day, code in days.dropna(subset=[column])[["work_date", column]].itertuples(
                index=False
            ):
                occurrences.append((cause, code, day))
        occurrences += [("TK", "TK", d) for d in days.loc[days["status"] == "TK", "work_date"]]
        balance = potential
        lines = []
        for cause, code, day in occurrences:
            amount = round(potential * BAND_PCT[code] / 100)
            lines.append((cause, code, day, BAND_PCT[code], amount))
        rest = potential - net - sum(line[4] for line in lines)
        assert rest >= 0, f"fixture row {row} deducts more than potential − net"
        if rest:
            lines.append(("PERFORMANCE", "CAPAIAN_KINERJA", None, 100 * rest / potential, rest))
        for line_no, (cause, code, day, pct, amount) in enumerate(lines, start=1):
            balance -= amount
            rows.append(
                {
                    "nip": NIP[key],
                    "period": period,
                    "line_no": line_no,
                    "cause": cause,
                    "code": code,
                    "work_date": day,
                    "pct": pct,
                    "amount_idr": amount,
                    "balance_after_idr": balance,
                    "amount_exact": float(amount),
                    "rule_ref": f"kemensos-2024 R2 policy_attendance_bands {code}"
                    if cause != "PERFORMANCE"
                    else "kemensos-2024 R3/R4 policy_parameters weight_performance",
                    "description_id": f"Potongan {code} untuk pengujian.",
                    "legal_basis": LINE_BASIS[cause],
                }
            )
    return pd.DataFrame(rows)


def write_release(
    serving_dir: Path,
    release_id: str = RELEASE_ID,
    monthly: list[tuple] = MONTHLY,
    with_labels: bool = True,
) -> Path:
    """Write a complete release the way eperf.serving.publish lays it out, then point CURRENT.
    ``with_labels=False``: a release published before dim_period and dim_code_label."""
    release = serving_dir / RELEASES / release_id
    release.mkdir(parents=True)
    employee_monthly = employee_monthly_frame(monthly)
    frames = {
        "dim_org_unit": org_unit_frame(),
        "dim_employee": employee_frame(),
        "fct_employee_monthly": employee_monthly,
        "fct_unit_monthly": unit_monthly_frame(employee_monthly),
        "fct_attendance_daily": attendance_frame(monthly),
        "fct_tukin_lines": tukin_lines_frame(monthly),
    }
    # the marts of the leadership pages
    frames |= leadership_frames(monthly, frames["fct_unit_monthly"], _paths(), NIP)
    frames |= activity_frames(monthly, NIP, _workdays)
    if with_labels:
        frames |= label_frames()
    for mart, frame in frames.items():
        frame.to_parquet(release / f"{mart}.parquet", index=False)
    manifest = {
        "release_id": release_id,
        "run_id": "abcdef1234567890",
        "rule_set": "kemensos-2024",
        "published_at": "2025-03-01T08:30:00+00:00",
        "row_counts": {mart: len(frame) for mart, frame in frames.items()},
        "source_row_counts": {"simpeg__employee": len(EMPLOYEES)},
    }
    (release / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (serving_dir / POINTER).write_text(release_id, encoding="utf-8")
    return release


def write_users(path: Path) -> Path:
    """The users file with every ACCOUNTS entry (cheap bcrypt cost: tests only)."""
    for username, (role, unit, nip) in ACCOUNTS.items():
        users.add_user(path, username, role, password_of(username), unit, nip, rounds=4)
    return path


@pytest.fixture(autouse=True)
def _fresh_state():
    """Cached query results are keyed on (release, scope) and the lockout counters live in the
    process: clear both between tests."""
    st.cache_data.clear()
    auth.THROTTLE.reset()
    yield
    st.cache_data.clear()
    auth.THROTTLE.reset()


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Data dir (audit log) and users file of each test under its tmp_path; no demo mode."""
    monkeypatch.setenv("EPERF_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv(users.USERS_FILE_ENV, str(tmp_path / "users.toml"))
    monkeypatch.delenv(users.DEMO_LOGIN_ENV, raising=False)
    monkeypatch.delenv(auth.SESSION_MINUTES_ENV, raising=False)


@pytest.fixture
def users_file(tmp_path: Path) -> Path:
    return write_users(tmp_path / "users.toml")


@pytest.fixture
def serving_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, users_file: Path) -> Path:
    """A serving dir holding the fake release, set as EPERF_SERVING_DIR (users file written)."""
    directory = tmp_path / "serving"
    write_release(directory)
    monkeypatch.setenv("EPERF_SERVING_DIR", str(directory))
    return directory


@pytest.fixture
def empty_serving_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, users_file: Path) -> Path:
    """A serving dir with nothing published yet, set as EPERF_SERVING_DIR."""
    directory = tmp_path / "serving"
    directory.mkdir()
    monkeypatch.setenv("EPERF_SERVING_DIR", str(directory))
    return directory
