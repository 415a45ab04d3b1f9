"""Pure helpers of ``eperf bench``: option parsing, the cost curve, dbt timings, the new day."""

from __future__ import annotations

from datetime import date

import pytest

from eperf.bench import report
from eperf.bench.new_day import add_next_day, next_workday, resend_workday, shift_export
from eperf.bench.run import STAGES


def test_stages_are_checked_and_kept_in_the_order_given():
    assert report.parse_stages("ingest, transform", STAGES) == ("ingest", "transform")
    with pytest.raises(ValueError, match="unknown stages"):
        report.parse_stages("ingest,tranform", STAGES)
    with pytest.raises(ValueError):
        report.parse_stages(" , ", STAGES)


def test_sizes_accept_thousands_and_come_back_sorted_and_distinct():
    assert report.parse_sizes("20k,5000, 10000,5k") == [5000, 10000, 20000]
    with pytest.raises(ValueError):
        report.parse_sizes("0")
    with pytest.raises(ValueError):
        report.parse_sizes(",")


def test_linearity_is_cost_per_thousand_employees_against_the_largest_size():
    runs = [
        {"employees": 20000, "stages": [{"stage": "ingest", "seconds": 40.0}]},
        {"employees": 5000, "stages": [{"stage": "ingest", "seconds": 15.0}]},
        {"employees": 10000, "stages": [{"stage": "ingest", "seconds": 20.0}]},
    ]
    curve = report.linearity(runs)["ingest"]
    assert [p["employees"] for p in curve] == [5000, 10000, 20000]
    assert [p["seconds_per_1k_employees"] for p in curve] == [3.0, 2.0, 2.0]
    # 5k costs 1.5x per employee what 20k does (a fixed cost); 10k is on the line
    assert [p["vs_largest"] for p in curve] == [1.5, 1.0, 1.0]


def test_ratio_is_none_without_both_figures():
    assert report.ratio(26.7, 0.8) == 33.38
    assert report.ratio(None, 0.8) is None and report.ratio(3.0, 0) is None


def _stage(stage: str, seconds: float, rows: int = 1000) -> dict:
    return {"stage": stage, "seconds": seconds, "rows": rows, "rows_per_second": 0}


def test_each_stage_is_divided_by_the_sum_of_its_floors():
    stages = [
        _stage("ingest", 6.0),
        _stage("floor_app_scan", 1.5),
        _stage("floor_device_parse", 0.5),
        _stage("transform", 12.0),
        _stage("baseline", 4.0),
    ]
    ratios = report.over_floor(stages)
    assert ratios["ingest"] == {
        "seconds": 6.0,
        "floor": ["floor_app_scan", "floor_device_parse"],
        "floor_seconds": 2.0,
        "ratio": 3.0,
    }
    assert ratios["transform"]["ratio"] == 3.0
    lines = report.floor_lines(stages)
    assert [line.split()[0] for line in lines[1:4]] == [
        "floor_app_scan",
        "floor_device_parse",
        "baseline",
    ]
    assert "ingest / floor = 6.00 / 2.00 (floor_app_scan + floor_device_parse) = 3.0" in lines
    figures = report.run_figures(2000, 3, stages)
    assert figures["over_floor"] == ratios and figures["transform_over_baseline"] == 3.0


def test_a_stage_whose_floor_did_not_run_has_no_ratio():
    stages = [_stage("ingest", 6.0), _stage("floor_app_scan", 1.5), _stage("transform", 12.0)]
    assert report.over_floor(stages) == {}
    assert report.run_figures(2000, 3, stages)["transform_over_baseline"] is None
    assert report.floor_lines([_stage("ingest", 6.0)]) == []


def test_node_timings_sum_the_nodes_and_list_the_slowest_first():
    run_results = {
        "elapsed_time": 12.345,
        "results": [
            {"unique_id": "model.eperf.a", "execution_time": 1.0},
            {"unique_id": "model.eperf.b", "execution_time": 5.5},
            {"unique_id": "seed.eperf.c", "execution_time": None},
        ],
    }
    timings = report.node_timings(run_results, top=2)
    assert timings == {
        "elapsed_seconds": 12.35,
        "node_seconds": 6.5,
        "nodes": 3,
        "slowest": [{"node": "b", "seconds": 5.5}, {"node": "a", "seconds": 1.0}],
    }


def test_stage_and_detail_lines_show_load_and_where_the_time_went():
    figures = {
        "stage": "transform",
        "seconds": 26.7,
        "rows": 811933,
        "rows_per_second": 30409,
        "peak_rss_mb": 1872.9,
        "load_start": 0.52,
        "load_end": 1.9,
        "detail": {
            "dbt_build": report.node_timings(
                {"elapsed_time": 20, "results": [{"unique_id": "m.e.x", "execution_time": 3}]}
            ),
            "step_seconds": {"ingest_app": 2.0, "eperf_dbt_models": 30.0},
            "day": "2025-04-01",
        },
    }
    line = report.stage_line(10000, figures)
    assert line.split() == [
        "10,000",
        "transform",
        "26.70",
        "811,933",
        "30,409",
        "1,873",
        "0.5->1.9",
    ]
    details = report.detail_lines(figures)
    assert "dbt build: 20.0 s elapsed in dbt, 3.0 s in 1 nodes; slowest: x 3.0" in details[0]
    assert details[1].endswith("slowest Dagster steps: eperf_dbt_models 30.0, ingest_app 2.0")


def test_next_workday_skips_weekends_and_holidays():
    friday = date(2025, 3, 28)
    assert next_workday(friday, set()) == date(2025, 3, 31)
    eid = {date(2025, 3, 31), date(2025, 4, 1)}
    assert next_workday(friday, eid) == date(2025, 4, 2)


def test_a_shifted_export_moves_every_punch_to_the_new_date_and_counts_its_lines():
    data = (
        b"\xef\xbb\xbfdevice_sn,pin,punch_time,verify_mode,punch_state\r\n"
        b"D1,198001012005011001,2025-03-31 07:12:03,FINGER,0\r\n"
        b"D1,198001012005011001,2025-03-31 16:40:00,FACE,1\r\n\r\n"
    )
    shifted, lines = shift_export(data, date(2025, 3, 31), date(2025, 4, 2))
    assert lines == 2
    assert shifted == data.replace(b"2025-03-31", b"2025-04-02")
    assert b"2025-03-31" not in shifted and shifted.startswith(b"\xef\xbb\xbf")


def test_the_next_day_copies_the_newest_workday_of_every_device(tmp_path):
    header = b"device_sn,pin,punch_time,verify_mode,punch_state\n"
    for device, day, rows in (
        ("D1", "2025-01-30", 1),  # Thursday
        ("D1", "2025-01-31", 2),  # Friday: the newest workday
        ("D2", "2025-01-31", 1),
        ("D2", "2025-02-01", 1),  # Saturday overtime: newest file, not a workday
    ):
        folder = tmp_path / device
        folder.mkdir(exist_ok=True)
        body = b"".join(f"{device},P{i},{day} 07:0{i}:00,FACE,0\n".encode() for i in range(rows))
        (folder / f"{day}.csv").write_bytes(header + body)
    added = add_next_day(tmp_path, holidays={date(2025, 2, 3)})
    assert (added.day, added.copied_from, added.files, added.punches) == (
        date(2025, 2, 4),
        date(2025, 1, 31),
        2,
        3,
    )
    assert (tmp_path / "D1" / "2025-02-04.csv").read_bytes() == header + (
        b"D1,P0,2025-02-04 07:00:00,FACE,0\nD1,P1,2025-02-04 07:01:00,FACE,0\n"
    )
    assert (tmp_path / "D2" / "2025-02-04.csv").exists()
    assert not (tmp_path / "D1" / "2025-02-03.csv").exists()  # a holiday


def test_core_seconds_follow_the_lineage_of_the_monthly_mart_only():
    parents = {
        "model.eperf.fct_employee_monthly": ["model.eperf.int_months"],
        "model.eperf.int_months": ["model.eperf.stg_days", "seed.eperf.policy_rates"],
        "model.eperf.stg_days": [],
        "seed.eperf.policy_rates": [],
        "model.eperf.fct_integrity_flags": ["model.eperf.stg_days"],
    }
    results = {
        "results": [
            {"unique_id": uid, "execution_time": seconds}
            for uid, seconds in zip(parents, [1.0, 2.0, 0.5, 0.25, 9.0], strict=True)
        ]
    }
    assert report.core_seconds(results, parents) == 3.75
    assert report.core_seconds(results, {}) == 0.0


def test_a_resent_day_rewrites_the_newest_workday_of_every_device_with_the_same_punches(tmp_path):
    header = b"device_sn;pin;punch_time;verify_mode;punch_state\r\n"
    files = {
        ("D1", "2025-01-31"): (
            b"D1;P0;2025-01-31 07:00:00;FACE;0\r\nD1;P1;2025-01-31 16:01:00;FACE;1\r\n\r\n"
        ),
        ("D2", "2025-01-31"): b"D2;P2;2025-01-31 07:05:00;FACE;0",  # no newline at the end
        ("D2", "2025-02-01"): b"D2;P2;2025-02-01 08:00:00;FACE;0\r\n",  # Saturday: not re-sent
    }
    for (device, day), body in files.items():
        (tmp_path / device).mkdir(exist_ok=True)
        (tmp_path / device / f"{day}.csv").write_bytes(header + body)
    saturday = (tmp_path / "D2" / "2025-02-01.csv").read_bytes()

    resent = resend_workday(tmp_path, holidays=set())

    assert (resent.day, resent.files, resent.punches) == (date(2025, 1, 31), 2, 3)
    assert (tmp_path / "D1" / "2025-01-31.csv").read_bytes() == header + (
        b"D1;P1;2025-01-31 16:01:00;FACE;1\r\nD1;P0;2025-01-31 07:00:00;FACE;0\r\n"
    )
    assert (tmp_path / "D2" / "2025-01-31.csv").read_bytes() == (
        header + b"D2;P2;2025-01-31 07:05:00;FACE;0\r\n"
    )
    assert (tmp_path / "D2" / "2025-02-01.csv").read_bytes() == saturday
