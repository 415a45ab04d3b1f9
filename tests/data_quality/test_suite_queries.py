"""Each suite reads into pandas exactly the columns its expectations check, on a real warehouse:
a column no expectation reads would be converted for every row (the activity reports' ids and
dates were most of a ministry-year's checks), and a missing one would fail the suite."""

from __future__ import annotations

import duckdb

from data_quality.suites import SUITES


def test_every_suite_selects_the_columns_its_expectations_read(tiny_pipeline):
    with duckdb.connect(str(tiny_pipeline.settings.warehouse), read_only=True) as con:
        for suite in SUITES:
            selected = [d[0] for d in con.execute(f"{suite.query} limit 0").description]
            expected = list(dict.fromkeys(e.column for e in suite.expectations()))
            assert selected == expected, suite.name


def test_the_activity_report_suites_read_no_ids_or_dates():
    queries = {s.name: s.query for s in SUITES}
    assert queries["app__activity_report__contract"] == (
        "select t.status, t.quantity from raw.app__activity_report t"
    )
    assert "report_id" not in queries["app__activity_report__warnings"]


def test_every_expectation_is_a_great_expectations_class_with_its_arguments():
    import great_expectations.expectations as gxe

    for suite in SUITES:
        for expectation in suite.expectations():
            built = getattr(gxe, expectation.kind)(**expectation.arguments())
            assert built.column == expectation.column, suite.name


def test_loading_the_pipeline_does_not_import_great_expectations():
    """GX is imported when a suite validates (about 3 s), not by every process that loads the
    Dagster definitions."""
    import subprocess
    import sys

    code = (
        "import sys; from orchestration.definitions import defs; defs(); "
        "print('great_expectations' in sys.modules)"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True
    )
    assert loaded.stdout.strip().splitlines()[-1] == "False"
