"""Run a suite on a raw table with GX 1.x (ephemeral context, pandas DataFrame batch).

GX 1.x cannot validate DuckDB through SQLAlchemy yet (research/tech_style.md, Pitfall 5), so the
table is read into pandas with the suite's query and validated as a DataFrame.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb
import great_expectations as gx
import pandas as pd

from data_quality.suites import Suite

RESULTS_DDL = """
create schema if not exists raw;
create table if not exists raw.data_quality_results (
    suite varchar, source varchar, source_table varchar, blocking boolean, success boolean,
    expectation varchar, column_name varchar, unexpected_count bigint, element_count bigint,
    unexpected_sample varchar, validated_at timestamp
)
"""

logging.getLogger("great_expectations").setLevel(logging.ERROR)


@dataclass
class Outcome:
    """The result of one suite on one batch: overall success and each failed expectation."""

    suite: str
    success: bool
    element_count: int
    failures: list[dict] = field(default_factory=list)


def validate_frame(df: pd.DataFrame, suite: Suite) -> Outcome:
    """Validate a DataFrame against the suite's expectations."""
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = gx.data_context.types.base.ProgressBarsConfig(globally=False)
    batch = (
        context.data_sources.add_pandas(suite.name)
        .add_dataframe_asset(suite.name)
        .add_batch_definition_whole_dataframe("batch")
    )
    expectation_suite = context.suites.add(gx.ExpectationSuite(name=suite.name))
    for expectation in suite.expectations():
        expectation_suite.add_expectation(expectation)
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=suite.name, data=batch, suite=expectation_suite)
    )
    result = definition.run(batch_parameters={"dataframe": df}, result_format="SUMMARY")
    failures = [
        {
            "expectation": r.expectation_config.type,
            "column": r.expectation_config.kwargs.get("column"),
            "unexpected_count": r.result.get("unexpected_count"),
            "sample": [str(v) for v in (r.result.get("partial_unexpected_list") or [])[:5]],
        }
        for r in result.results
        if not r.success
    ]
    return Outcome(suite.name, bool(result.success), len(df), failures)


def validate_table(con: duckdb.DuckDBPyConnection, suite: Suite) -> Outcome:
    """Validate the landed table and record the outcome in ``raw.data_quality_results``."""
    df = con.sql(suite.query).df()
    outcome = validate_frame(df, suite)
    record(con, suite, outcome)
    return outcome


def record(con: duckdb.DuckDBPyConnection, suite: Suite, outcome: Outcome) -> None:
    con.execute(RESULTS_DDL)
    now = datetime.now(UTC).replace(tzinfo=None)
    source, table = suite.asset_key
    rows = outcome.failures or [
        {"expectation": None, "column": None, "unexpected_count": 0, "sample": []}
    ]
    con.executemany(
        "insert into raw.data_quality_results values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                suite.name,
                source,
                table,
                suite.blocking,
                outcome.success,
                f["expectation"],
                f["column"],
                f["unexpected_count"],
                outcome.element_count,
                json.dumps(f["sample"]),
                now,
            )
            for f in rows
        ],
    )
