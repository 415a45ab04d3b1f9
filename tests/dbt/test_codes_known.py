"""The generic test ``codes_known`` (dbt_project/tests/generic): one test per model for all of its
code columns, which fails with one row per distinct code that is not an accepted value or has no
label (a list of codes checked item by item, a family label covering its suffixed codes), and
passes on the tiny pipeline's warehouse as built."""

from __future__ import annotations

import json

import duckdb

from eperf.config import run_dbt

SELECT = (
    "test_name:codes_known,fct_attendance_daily test_name:codes_known,fct_promotion_eligibility"
)


def failing_rows(target, warehouse) -> dict[str, list[tuple]]:
    """Each codes_known test's failing rows, by its name (its compiled query run again)."""
    results = json.loads((target / "run_results.json").read_text())["results"]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {
            r["unique_id"].split(".")[2]: sorted(con.execute(r["compiled_code"]).fetchall())
            for r in results
            if r["unique_id"].startswith("test.")
        }


def test_one_failing_row_per_wrong_code(warehouse_copy, tmp_path):
    warehouse, env = warehouse_copy.path, warehouse_copy.env

    built = run_dbt("test", "--select", SELECT, target_path=tmp_path / "built", env=env)
    assert built.returncode == 0, built.stdout[-3000:]
    for model in ("fct_attendance_daily", "fct_promotion_eligibility"):
        assert f"PASS codes_known_{model} " in built.stdout, built.stdout[-3000:]

    with duckdb.connect(str(warehouse)) as con:
        daily = "marts.fct_attendance_daily"
        first_rows = f"rowid in (select rowid from {daily} order by rowid limit 2)"
        # A status that is neither accepted nor labelled, in two rows: one failing row each.
        con.execute(f"update {daily} set status = 'HADIRR' where {first_rows}")
        # An accepted code whose label is gone: only its label fails.
        con.execute("delete from marts.dim_code_label where code = 'PSW4'")
        con.execute(
            f"update {daily} set psw_code = 'PSW4' "
            f"where rowid = (select max(rowid) from {daily} where status = 'HADIR')"
        )
        # In a list of codes each item is checked; PREDIKAT_TAHUN_2031 is labelled by its family.
        con.execute(
            "update marts.fct_promotion_eligibility "
            "set reasons = 'BUKAN_PNS,BUKAN_ALASAN,PREDIKAT_TAHUN_2031' "
            "where rowid = (select min(rowid) from marts.fct_promotion_eligibility)"
        )
    broken = run_dbt("test", "--select", SELECT, target_path=tmp_path / "broken", env=env)
    assert broken.returncode == 1, broken.stdout[-3000:]
    assert "FAIL 3 codes_known_fct_attendance_daily " in broken.stdout, broken.stdout[-3000:]
    assert "FAIL 1 codes_known_fct_promotion_eligibility " in broken.stdout, broken.stdout[-3000:]

    assert failing_rows(tmp_path / "broken", warehouse) == {
        "codes_known_fct_attendance_daily": [
            ("psw_code", "PSW4", "no label"),
            ("status", "HADIRR", "no label"),
            ("status", "HADIRR", "not an accepted value"),
        ],
        "codes_known_fct_promotion_eligibility": [("reasons", "BUKAN_ALASAN", "no label")],
    }
