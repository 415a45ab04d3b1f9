"""Generate the demo sources: SIMPEG, the e-Performance app database and the device exports.

Same seed and config give identical rows and identical file bytes. The org tree, people and
requests are built up front; punches and reports are generated month by month and written in
the background while the next month is generated, so memory stays bounded for large workforces.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from ingestion.contract import APP, SIMPEG
from simulator.activities import REPORT_COLUMNS, ReportContext, simulate_reports
from simulator.assignments import ASSIGNMENT_COLUMNS, build_assignments
from simulator.attendance import employee_days, simulate_attendance
from simulator.attlog import DEVICE_USER_COLUMNS, Attlog, build_attlog, write_attlog_month
from simulator.catalog import CATALOG_COLUMNS, Catalog, build_catalog
from simulator.defects import DefectTargets, inject_defects, manifest_path
from simulator.devices import Devices, build_devices
from simulator.leave import LEAVE_COLUMNS, build_leave, day_effects
from simulator.org_tree import ORG_UNIT_COLUMNS, build_org_units
from simulator.people import EMPLOYEE_COLUMNS, build_employees
from simulator.personas import Personas, draw_personas
from simulator.randomness import component_rng
from simulator.ratings import rate_month
from simulator.rkakl import build_rkakl
from simulator.sanctions import SANCTION_COLUMNS, SUSPENSION, build_sanctions
from simulator.work_calendar import Calendar, Window, build_calendar
from simulator.writer import (
    BackgroundWriter,
    clear_device_files,
    index_change_times,
    write_database,
)


@dataclass(frozen=True)
class SimulatorConfig:
    simpeg_url: str
    app_url: str
    attendance_dir: Path
    employees: int = 2000
    months: int = 3
    # First month YYYY-MM; the demo covers Jan-Mar 2025 (Ramadan 2025-03-01..03-30, Eid cuti
    # bersama at the end of March).
    start_period: str = "2025-01"
    seed: int = 42
    # Share of rows (and of files) per defect kind to plant after the clean sources are written
    # (simulator/defects.py); 0 writes clean sources.
    defect_rate: float = 0.0
    # Share of the registered devices that export ZKTeco attendance logs (.dat, their own short
    # user ids, enrolment in device_user) instead of CSV files (simulator/attlog.py); 0: none,
    # and the sources are exactly those of a generator without ATTLOG.
    attlog_share: float = 0.0

    def __post_init__(self) -> None:
        if not 0 <= self.defect_rate <= 1:
            raise ValueError("defect_rate must be between 0 and 1")
        if not 0 <= self.attlog_share <= 1:
            raise ValueError("attlog_share must be between 0 and 1")


@dataclass(frozen=True)
class GenerationSummary:
    # table name -> rows written; "punch_files" (CSV), "punches" (every punch, CSV or ATTLOG);
    # with ATTLOG devices also "attlog_files" and "attlog_punches" (distinct punches in logs)
    row_counts: dict[str, int]
    seconds: float


@dataclass(frozen=True)
class Population:
    """Everything that exists before the first simulated day is played out."""

    seed: int
    window: Window
    calendar: Calendar
    units: pd.DataFrame
    devices: Devices
    attlog: Attlog
    employees: pd.DataFrame
    assignments: pd.DataFrame
    sanctions: pd.DataFrame
    leave: pd.DataFrame
    personas: Personas
    catalog: Catalog

    @property
    def nips(self) -> np.ndarray:
        return self.employees["nip"].to_numpy(dtype=object)


@dataclass(frozen=True)
class Month:
    """One simulated month's generated rows."""

    punches: pd.DataFrame
    reports: pd.DataFrame
    realised: pd.DataFrame  # approved quantity per RKAKL output and fiscal year
    ratings: pd.DataFrame


def build_population(config: SimulatorConfig) -> Population:
    """Org tree, devices, people, positions, sanctions, requests, habits and the catalogue."""
    seed = config.seed
    window = Window.from_period(config.start_period, config.months)
    calendar = build_calendar(window)
    units = build_org_units(seed, window.opens_at)
    employees = build_employees(units, config.employees, window, seed)
    assignments = build_assignments(employees, units, window, seed)
    devices = build_devices(units, seed, window.opens_at)
    return Population(
        seed=seed,
        window=window,
        calendar=calendar,
        units=units,
        devices=devices,
        attlog=build_attlog(devices, assignments, window, config.attlog_share, seed),
        employees=employees,
        assignments=assignments,
        sanctions=build_sanctions(employees, window, seed),
        leave=build_leave(employees, assignments, calendar, window, seed),
        personas=draw_personas(len(employees), employees["is_head"].to_numpy(), seed),
        catalog=build_catalog(window),
    )


def simulate_month(population: Population, period: str, day_lo: int, day_hi: int) -> Month:
    """Punches, reports and ratings for window days ``day_lo`` .. ``day_hi`` (one month)."""
    pop, seed, nips = population, population.seed, population.nips
    days = employee_days(pop.assignments, day_lo, day_hi)
    suspended = pop.sanctions[pop.sanctions["sanction_type"] == SUSPENSION]
    effects = day_effects(pop.leave, suspended, len(pop.employees), day_lo, day_hi)
    attendance = simulate_attendance(
        days,
        pop.calendar,
        effects,
        day_lo,
        pop.personas,
        pop.devices,
        nips,
        component_rng(seed, "punches", period),
    )
    context = ReportContext(
        calendar=pop.calendar,
        catalog=pop.catalog,
        personas=pop.personas,
        nips=nips,
        unit_domain=pop.units["domain"].to_numpy(),
        unit_offset_hours=pop.units["utc_offset_hours"].to_numpy(),
        window=pop.window,
    )
    reports, realised = simulate_reports(
        days, attendance, context, component_rng(seed, "activity_report", period)
    )
    ratings = rate_month(
        days, period, pop.personas, nips, component_rng(seed, "behaviour_rating", period)
    )
    return Month(attendance.punches, reports[list(REPORT_COLUMNS)], realised, ratings)


def month_spans(window: Window) -> list[tuple[str, int, int]]:
    """(period, first day index, last day index) of each month of the window."""
    spans, first = [], 0
    for period in window.months:
        month = np.datetime64(period, "M")
        length = int((np.datetime64(month + 1, "D") - np.datetime64(month, "D")).astype(int))
        spans.append((period, first, first + length - 1))
        first += length
    return spans


def generate_sources(config: SimulatorConfig) -> GenerationSummary:
    """Write all three sources (tables dropped and recreated, device CSVs replaced); with a
    ``defect_rate``, plant defects and write their manifest next to the attendance folder (a
    previous run's manifest is removed either way)."""
    started = time.perf_counter()
    pop = build_population(config)
    counts = write_database(
        config.simpeg_url,
        SIMPEG,
        {
            "org_unit": pop.units[list(ORG_UNIT_COLUMNS)],
            "employee": pop.employees[list(EMPLOYEE_COLUMNS)],
            "position_assignment": pop.assignments[list(ASSIGNMENT_COLUMNS)],
            "disciplinary_sanction": pop.sanctions[list(SANCTION_COLUMNS)],
        },
    )
    attendance_dir = Path(config.attendance_dir)
    clear_device_files(attendance_dir)
    manifest_path(attendance_dir).unlink(missing_ok=True)
    attendance_dir.mkdir(parents=True, exist_ok=True)
    counts |= {"activity_report": 0, "punch_files": 0, "punches": 0}
    if pop.attlog.styles:
        counts |= {"attlog_files": 0, "attlog_punches": 0}
    with BackgroundWriter(config.app_url, APP, counts) as out:
        out.insert("attendance_device", pop.devices.table)
        out.insert("device_user", pop.attlog.enrolment[list(DEVICE_USER_COLUMNS)])
        out.insert("activity_catalog", pop.catalog.table[list(CATALOG_COLUMNS)])
        out.insert("leave_request", pop.leave[list(LEAVE_COLUMNS)])
        realised, ratings = [], []
        for period, day_lo, day_hi in month_spans(pop.window):
            month = simulate_month(pop, period, day_lo, day_hi)
            out.settle()  # at most one month in flight
            _write_punches(out, attendance_dir, pop, month.punches, day_lo, day_hi)
            out.insert("activity_report", month.reports)
            counts["punches"] += len(month.punches)
            realised.append(month.realised)
            ratings.append(month.ratings)
        out.insert("behaviour_rating", pd.concat(ratings, ignore_index=True))
        rkakl = build_rkakl(pd.concat(realised, ignore_index=True), pop.window, pop.seed)
        out.insert("rkakl_output", rkakl)
    index_change_times(config.app_url, APP)
    if config.defect_rate > 0:
        targets = DefectTargets(
            seed=pop.seed,
            rate=config.defect_rate,
            attendance_dir=attendance_dir,
            app_url=config.app_url,
            nips=frozenset(pop.nips.tolist()),
            devices=tuple(pop.devices.device_sn.tolist()),
            first_day=pop.window.first_day,
            last_day=pop.window.last_day,
            punches=counts["punches"] - counts.get("attlog_punches", 0),
            attlog_pins=pop.attlog.pins_by_device(),
            attlog_punches=counts.get("attlog_punches", 0),
        )
        counts["defects"] = len(inject_defects(targets)["defects"])
    return GenerationSummary(row_counts=counts, seconds=time.perf_counter() - started)


def _write_punches(
    out: BackgroundWriter,
    attendance_dir: Path,
    pop: Population,
    punches: pd.DataFrame,
    day_lo: int,
    day_hi: int,
) -> None:
    """Queue one month's device exports: CSV files, and the downloads of ATTLOG devices."""
    if not pop.attlog.styles:
        out.device_files(attendance_dir, punches)
        return
    attlog = pop.attlog.is_attlog(punches["device_sn"])
    out.device_files(attendance_dir, punches[~attlog])
    first = pop.window.first_day + timedelta(days=day_lo)
    last = pop.window.first_day + timedelta(days=day_hi)
    logged = punches[attlog]
    out.files(
        "attlog_files",
        write_attlog_month,
        attendance_dir,
        logged,
        pop.attlog,
        pop.window,
        first,
        last,
    )
    out.counts["attlog_punches"] += len(logged)
