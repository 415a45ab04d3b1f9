"""End to end R3 per report on the tiny January 2025 sources (tests/e2e/tiny_sources.py): each
report's credited minutes, why they differ from its claim, the supervisors' review backlog, and
both marts published one file per period."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import duckdb

from eperf import serving
from tests.e2e.test_pipeline_tiny import query
from tests.e2e.tiny_sources import E1, E2, EXPECTED


def test_report_minutes_add_up_to_every_employee_month(tiny_pipeline):
    rows = query(
        tiny_pipeline,
        "select nip, sum(credited_minutes) as credited_minutes from marts.fct_activity_reports "
        "where period = '2025-01' group by nip",
    )
    credited = {r["nip"]: r["credited_minutes"] for r in rows}
    monthly = query(
        tiny_pipeline,
        "select nip, credited_minutes from marts.fct_employee_monthly where period = '2025-01'",
    )
    assert credited == {r["nip"]: r["credited_minutes"] for r in monthly}
    for nip, expected in EXPECTED.items():
        if "credited_minutes" in expected:  # the hand computation, where the test states it
            assert credited[nip] == expected["credited_minutes"], nip


def test_every_reason_credited_differs_from_claimed(tiny_pipeline):
    rows = query(
        tiny_pipeline,
        "select nip, activity_date, claimed_minutes, credited_minutes, credit_note "
        "from marts.fct_activity_reports where credit_note is not null",
    )
    # Submitted and rejected (3 x 60 each), a TK day, the second report of the 780-minute day
    # (480 claimed, the 360 left under the 660 cap), and E2's nine ACT-100 reports from 16 January
    # (credited 2 x 120, claimed 2 x 100: the version in force when they were submitted).
    assert Counter((r["nip"], r["credit_note"]) for r in rows) == {
        (E1, "MENUNGGU_VERIFIKASI"): 1,
        (E1, "DITOLAK"): 1,
        (E1, "MELEBIHI_BATAS_HARIAN"): 1,
        (E2, "HARI_TK"): 1,
        (E2, "VERSI_KATALOG"): 9,
    }
    capped = next(r for r in rows if r["credit_note"] == "MELEBIHI_BATAS_HARIAN")
    assert (capped["claimed_minutes"], capped["credited_minutes"]) == (480, 360)
    version = {(r["claimed_minutes"], r["credited_minutes"]) for r in rows if r["nip"] == E2}
    assert version == {(120, 0), (200, 240)}


def test_review_backlog_of_the_reviewer(tiny_pipeline):
    rows = query(tiny_pipeline, "select * from marts.fct_review_backlog")
    total = query(tiny_pipeline, "select count(*) as n from marts.fct_activity_reports")[0]["n"]
    assert [(r["reviewer_nip"], r["period"]) for r in rows] == [(E1, "2025-01")]
    backlog = rows[0]
    # Every report was submitted and reviewed on 31 December 2024; one is still SUBMITTED.
    assert backlog["reports_submitted"] == total
    assert backlog["reports_pending"] == 1
    assert backlog["median_review_days"] == 0
    assert backlog["review_target_days"] == 7
    expected_pct = (Decimal(100) * (total - 1) / total).quantize(Decimal("0.01"))
    assert backlog["reviewed_within_target_pct"] == expected_pct


def test_both_marts_are_published_per_period(tiny_pipeline):
    serving_dir = tiny_pipeline.settings.serving_dir
    manifest = serving.release_manifest(serving_dir)
    for mart in ("fct_activity_reports", "fct_review_backlog"):
        assert mart in serving.PERIOD_MARTS
        path = serving.mart_path(serving_dir, mart)
        published = duckdb.sql(f"select count(*) from read_parquet('{path}')").fetchone()[0]
        assert published == manifest["row_counts"][mart] > 0, mart
