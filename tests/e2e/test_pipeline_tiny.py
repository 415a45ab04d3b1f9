"""End to end: tiny sources -> ``eperf run`` (Dagster, dbt, DuckDB) -> marts and serving release.

Every expected number is computed by hand from RULES.md in tests/e2e/tiny_sources.py.
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from eperf import serving
from tests.e2e.tiny_sources import EXPECTED, EXPECTED_DAYS

MARTS_CONTRACT = {
    "fct_attendance_daily": (
        "nip work_date unit_id status check_in_local check_out_local late_minutes early_minutes "
        "tl_code psw_code deduction_pct"
    ),
    "fct_employee_monthly": (
        "nip period unit_id job_class employment_status workdays expected_days hadir_days tk_days "
        "leave_days tl1_count tl2_count tl3_count tl4_count psw1_count psw2_count psw3_count "
        "psw4_count attendance_deduction_pct credited_minutes target_minutes capaian_pct "
        "work_result_rating behaviour_rating predicate perf_factor employment_factor leave_factor "
        "sanction_cut_pct tukin_base_idr tukin_potential_idr tukin_net_idr"
    ),
    # R11-R12
    "fct_output_realisation": (
        "output_code fiscal_year period unit_id target_volume realised_volume realisation_pct "
        "planned_pct status budget_idr allocated_tukin_idr"
    ),
    "fct_development_map": "nip period performance_axis behaviour_axis recommendations",
}


def query(tiny_pipeline, sql: str, params: list | None = None) -> list[dict]:
    with duckdb.connect(str(tiny_pipeline.settings.warehouse), read_only=True) as con:
        cursor = con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@pytest.mark.parametrize("nip", sorted(EXPECTED))
def test_employee_month_matches_hand_computation(tiny_pipeline, nip):
    rows = query(
        tiny_pipeline,
        "select * from marts.fct_employee_monthly where nip = ? and period = '2025-01'",
        [nip],
    )
    assert len(rows) == 1
    actual = rows[0]
    for column, expected in EXPECTED[nip].items():
        value = actual[column]
        if isinstance(expected, Decimal):
            value = Decimal(str(value))
        assert value == expected, f"{nip} {column}: {value} != {expected}"


@pytest.mark.parametrize("key", sorted(EXPECTED_DAYS), ids=lambda k: f"{k[0][-3:]}-{k[1]}")
def test_attendance_day_matches_hand_computation(tiny_pipeline, key):
    nip, work_date = key
    rows = query(
        tiny_pipeline,
        "select * from marts.fct_attendance_daily where nip = ? and work_date = ?",
        [nip, work_date],
    )
    assert len(rows) == 1
    for column, expected in EXPECTED_DAYS[key].items():
        value = rows[0][column]
        if isinstance(expected, Decimal):
            value = Decimal(str(value))
        assert value == expected, f"{key} {column}: {value} != {expected}"


def test_only_workdays_with_an_assignment_have_rows(tiny_pipeline):
    per_nip = {
        r["nip"]: r["n"]
        for r in query(
            tiny_pipeline, "select nip, count(*) as n from marts.fct_attendance_daily group by nip"
        )
    }
    # 19 workdays in January 2025; E4 joined on the 20th (7 left), E6 left on the 16th (10).
    assert sorted(per_nip.values()) == [7, 10, 19, 19, 19, 19, 19]


def test_marts_carry_the_contract_columns(tiny_pipeline):
    for mart, columns in MARTS_CONTRACT.items():
        present = {
            r["column_name"]
            for r in query(
                tiny_pipeline,
                "select column_name from information_schema.columns "
                "where table_schema = 'marts' and table_name = ?",
                [mart],
            )
        }
        missing = set(columns.split()) - present
        assert not missing, f"{mart} lacks {missing}"


def test_bad_punch_lines_are_quarantined_with_reasons(tiny_pipeline):
    reasons = query(
        tiny_pipeline,
        "select reason, source_object, row_number from raw.quarantine order by reason",
    )
    assert [(r["reason"], r["source_object"]) for r in reasons] == [
        ("TRUNCATED_LINE", "DEV-JKT/2025-01-31.csv"),
        ("UNKNOWN_PIN", "DEV-JKT/2025-01-31.csv"),
    ]


def test_rows_in_equal_rows_loaded_plus_quarantined(tiny_pipeline):
    from tests.e2e.tiny_sources import punch_rows

    loaded = query(tiny_pipeline, "select count(*) as n from raw.attendance__punch")[0]["n"]
    quarantined = query(
        tiny_pipeline, "select count(*) as n from raw.quarantine where source = 'attendance'"
    )[0]["n"]
    assert loaded == len(punch_rows())
    assert loaded + quarantined == len(punch_rows()) + 2


def test_release_is_published_with_the_marts(tiny_pipeline):
    manifest = serving.release_manifest(tiny_pipeline.settings.serving_dir)
    assert manifest is not None
    assert manifest["rule_set"] == "kemensos-2024"
    monthly = query(tiny_pipeline, "select count(*) as n from marts.fct_employee_monthly")[0]["n"]
    assert manifest["row_counts"]["fct_employee_monthly"] == monthly == len(EXPECTED)
    path = serving.mart_path(tiny_pipeline.settings.serving_dir, "fct_employee_monthly")
    total = duckdb.sql(f"select sum(tukin_net_idr) from read_parquet('{path}')").fetchone()[0]
    assert total == sum(e["tukin_net_idr"] for e in EXPECTED.values())


def test_rerun_gives_identical_marts(tiny_pipeline):
    from tests.conftest import run_eperf

    checksum_sql = (
        "select count(*) as n, sum(hash(m)) as h from marts.fct_employee_monthly m "
        "union all select count(*), sum(hash(d)) from marts.fct_attendance_daily d"
    )
    before = query(tiny_pipeline, checksum_sql)
    result = run_eperf(["run"], tiny_pipeline.env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert query(tiny_pipeline, checksum_sql) == before


def test_a_run_with_nothing_changed_builds_nothing(tiny_pipeline):
    """Its inputs and code are those of the last build, which is published: dbt does not run, and
    the release and its marts stay; a forced run builds again."""
    from tests.conftest import run_eperf

    def builds() -> int:
        return query(tiny_pipeline, "select count(*) as n from quality.dbt_builds")[0]["n"]

    serving_dir = tiny_pipeline.settings.serving_dir
    release, built = serving.release_manifest(serving_dir)["release_id"], builds()
    for args in (["run"], ["run", "--period", "2025-01"]):
        result = run_eperf(args, {**tiny_pipeline.env, "EPERF_REBUILD_UNCHANGED": "0"})
        assert result.returncode == 0, result.stderr[-3000:]
        assert "nothing to build" in result.stdout
        assert serving.release_manifest(serving_dir)["release_id"] == release
        assert builds() == built
    forced = run_eperf(["run", "--period", "2025-01"], tiny_pipeline.env)
    assert forced.returncode == 0, forced.stderr[-3000:]
    assert "nothing to build" not in forced.stdout
    assert builds() == built + 1
    assert serving.release_manifest(serving_dir)["release_id"] != release


def test_a_models_dbt_check_is_stored_as_its_tests_finish(tiny_pipeline, monkeypatch):
    """In a run of every asset, a model's folded dbt_tests result is stored as soon as its last
    test has reported, while dbt builds later models, not with every other result at the end."""
    import dagster as dg

    from eperf.pipeline import dagster_home
    from orchestration.defs.transform.model_checks import CHECK_NAME

    monkeypatch.setenv("DAGSTER_HOME", dagster_home(tiny_pipeline.settings))
    with dg.DagsterInstance.get() as instance:
        first_build = min(
            (r for r in instance.get_runs() if r.job_name == "score_monthly"),
            key=lambda r: instance.get_run_stats(r.run_id).start_time,
        )
        events = [e.dagster_event for e in instance.all_logs(first_build.run_id)]
    built, checked = [], []  # models in the order built; (models built by then, model checked)
    for event in filter(None, events):
        if event.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION:
            built.append(event.asset_key.to_user_string())
        elif (
            event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION
            and event.event_specific_data.check_name == CHECK_NAME
        ):
            checked.append((len(built), event.event_specific_data.asset_key.to_user_string()))
    # the punches' tests were stored before the monthly mart was built...
    [(built_before, _)] = [c for c in checked if c[1] == "stg_attendance__punches"]
    assert built_before <= built.index("fct_employee_monthly")
    # ...and each model's result once
    assert len({model for _, model in checked}) == len(checked) > 50


def test_tukin_lines_explain_every_rupiah_withheld(tiny_pipeline):
    from tests.e2e.tiny_sources import E1, E2, E3, E4, E5, E6, E7

    lines = query(
        tiny_pipeline,
        "select nip, line_no, cause, code, amount_idr, balance_after_idr, legal_basis "
        "from marts.fct_tukin_lines order by nip, line_no",
    )
    by_nip: dict[str, list[dict]] = {}
    for line in lines:
        by_nip.setdefault(line["nip"], []).append(line)
    # E2: 11 attendance lines (3 TL4, 3 PSW4, TL1, TL2, TL3, PSW1, TK) + the performance shortfall.
    assert {n: len(by_nip.get(n, [])) for n in EXPECTED} == {
        E1: 0,
        E2: 12,
        E3: 4,
        E4: 0,
        E5: 1,
        E6: 0,
        E7: 0,
    }
    for nip, expected in EXPECTED.items():
        withheld = expected["tukin_potential_idr"] - expected["tukin_net_idr"]
        assert sum(line["amount_idr"] for line in by_nip.get(nip, [])) == withheld
    # E3, by hand: 5,079,200 - TL1 25,396 - TK 253,960 = 4,799,844; x 0.75 leave = 3,599,883;
    # x 0.75 sanction = 2,699,912.25 -> 2,699,912.
    assert [(x["cause"], x["amount_idr"], x["balance_after_idr"]) for x in by_nip[E3]] == [
        ("TL", 25_396, 5_053_804),
        ("TK", 253_960, 4_799_844),
        ("LEAVE", 1_199_961, 3_599_883),
        ("SANCTION", 899_971, 2_699_912),
    ]
    # E5: 1 % of 4,595,150 is 45,951.5; the balance rounds half-up to 4,549,199, so 45,951.
    assert [(x["code"], x["amount_idr"]) for x in by_nip[E5]] == [("TL2", 45_951)]
    # E2's performance line: balance after the 17.25 % of attendance lines is
    # 2,507,400 x 0.8275 = 2,074,873.5 -> 2,074,874; the net is 1,615,623, so 459,251.
    assert (by_nip[E2][-1]["cause"], by_nip[E2][-1]["amount_idr"]) == ("PERFORMANCE", 459_251)
    # Each line's legal basis is the legal_basis of the kemensos-2024 policy row that produced it
    # (policy_attendance_bands TL1 and TK, policy_leave_factors CUTI_SAKIT 3-14 days,
    # policy_sanction_cuts PEMOTONGAN_TUKIN_6BL, policy_parameters weight_performance).
    kemensos = (
        "Ditetapkan kementerian berdasarkan Perpres 71/2023 dan Permensos 07/2014 (tunjangan "
    )
    assert [x["legal_basis"] for x in by_nip[E3]] == [
        kemensos + "kinerja Kemensos), pola PermenPAN-RB 63/2011: potongan per kejadian terlambat "
        "masuk (TL) atau pulang sebelum waktunya (PSW)",
        kemensos + "kinerja Kemensos), pola PermenPAN-RB 63/2011: tidak masuk kerja tanpa "
        "keterangan (TK) 5 % per hari",
        "Ditetapkan kementerian berdasarkan Perpres 71/2023 (tunjangan kinerja Kemensos) dan "
        "PP 11/2017 (cuti sakit): 3-14 hari sakit dalam periode, 75 %",
        "PP 94/2021 (disiplin PNS): pemotongan tunjangan kinerja 25 % selama 6 bulan",
    ]
    assert by_nip[E2][-1]["legal_basis"] == (
        "Ditetapkan kementerian berdasarkan Perpres 71/2023 dan PermenPAN-RB 63/2011 (penataan "
        "sistem tunjangan kinerja): bobot capaian kinerja 60 %"
    )
    assert all(line["legal_basis"] for line in lines)


def test_unit_rollups_on_a_three_level_tree(tiny_pipeline):
    """R5 by hand: DIT-A holds E1, E2, E4, E5, E6 (E6 left on the 16th, E7 moved to UPT-B);
    UPT-B holds E3 and E7; KEMENSOS has no members of its own."""
    rows = {
        (r["unit_id"], r["scope"]): r
        for r in query(tiny_pipeline, "select * from marts.fct_unit_monthly")
    }
    assert set(rows) == {
        ("DIT-A", "DIRECT"),
        ("UPT-B", "DIRECT"),
        ("KEMENSOS", "SUBTREE"),
        ("DIT-A", "SUBTREE"),
        ("UPT-B", "SUBTREE"),
    }
    dit_a, upt_b = rows[("DIT-A", "DIRECT")], rows[("UPT-B", "DIRECT")]
    assert (dit_a["headcount"], dit_a["employee_months"]) == (4, 5)  # E6 gone on the last day
    assert dit_a["fte"] == Decimal("3.894737")  # 3 + 7/19 + 10/19
    assert dit_a["tukin_net_idr"] == 3_915_950 + 1_615_623 + 1_067_684 + 4_549_199 + 1_847_579
    assert (upt_b["headcount"], upt_b["tukin_net_idr"]) == (2, 2_699_912 + 9_896_000)
    for unit in ("KEMENSOS", "DIT-A"):
        subtree = rows[(unit, "SUBTREE")]
        assert subtree["headcount"] == 6
        assert subtree["tukin_net_idr"] == dit_a["tukin_net_idr"] + upt_b["tukin_net_idr"]
    assert rows[("UPT-B", "SUBTREE")]["tk_days"] == upt_b["tk_days"] == 1
