"""Run a suite on a raw table with GX 1.x (ephemeral context, pandas DataFrame batch).

GX 1.x cannot validate DuckDB through SQLAlchemy yet (research/tech_style.md, Pitfall 5), so the
table is read into pandas with the suite's query and validated as a DataFrame.

A suite whose inputs did not change since its last run is not run again: its previous outcome
(failures included, so a failed contract keeps blocking) is returned. The inputs are the suite's
definition and, for every raw table its query reads, the row count and newest ``_ingested_at``:
every loader stamps the rows it writes with its batch time and removes rows only by deleting
them, so any change moves one of the two.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
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

# Outside ``raw``: bookkeeping of the checks, not landed source data.
FINGERPRINTS_DDL = """
create schema if not exists quality;
create table if not exists quality.suite_fingerprints (
    suite varchar primary key, fingerprint varchar, success boolean, element_count bigint,
    failures varchar, validated_at timestamp
)
"""
RAW_TABLE = re.compile(r"\braw\.(\w+)")

logging.getLogger("great_expectations").setLevel(logging.ERROR)


@dataclass
class Outcome:
    """The result of one suite on one batch: overall success and each failed expectation."""

    suite: str
    success: bool
    element_count: int
    failures: list[dict] = field(default_factory=list)
    reused: bool = False  # True when the inputs were unchanged and the last outcome was returned


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
    """Validate the landed table and record the outcome in ``raw.data_quality_results``; when
    nothing the suite reads changed since its last run, return that run's outcome instead."""
    fingerprint = input_fingerprint(con, suite)
    previous = _previous_outcome(con, suite, fingerprint) if fingerprint else None
    if previous is not None:
        return previous
    df = con.sql(suite.query).df()
    outcome = validate_frame(df, suite)
    del df
    record(con, suite, outcome)
    if fingerprint:
        _remember(con, suite, fingerprint, outcome)
    return outcome


def input_fingerprint(con: duckdb.DuckDBPyConnection, suite: Suite) -> str | None:
    """A digest of the suite's definition and of the row count and newest ``_ingested_at`` of
    every raw table its query reads; None when a table lacks ``_ingested_at`` (always run)."""
    parts = [gx.__version__, suite.query, suite.name, str(suite.blocking)]
    parts += [
        json.dumps(e.configuration.to_json_dict(), sort_keys=True) for e in suite.expectations()
    ]
    for table in sorted(set(RAW_TABLE.findall(suite.query))):
        columns = {
            name
            for (name,) in con.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'raw' and table_name = ?",
                [table],
            ).fetchall()
        }
        if "_ingested_at" not in columns:
            return None
        count, newest = con.execute(
            f"select count(*), max(_ingested_at) from raw.{table}"
        ).fetchone()
        parts.append(f"{table}:{count}:{newest}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _previous_outcome(
    con: duckdb.DuckDBPyConnection, suite: Suite, fingerprint: str
) -> Outcome | None:
    con.execute(FINGERPRINTS_DDL)
    row = con.execute(
        "select success, element_count, failures from quality.suite_fingerprints "
        "where suite = ? and fingerprint = ?",
        [suite.name, fingerprint],
    ).fetchone()
    if row is None:
        return None
    success, element_count, failures = row
    return Outcome(suite.name, bool(success), element_count, json.loads(failures), reused=True)


def _remember(
    con: duckdb.DuckDBPyConnection, suite: Suite, fingerprint: str, outcome: Outcome
) -> None:
    con.execute(
        "insert or replace into quality.suite_fingerprints values (?, ?, ?, ?, ?, ?)",
        [
            suite.name,
            fingerprint,
            outcome.success,
            outcome.element_count,
            json.dumps(outcome.failures),
            datetime.now(UTC).replace(tzinfo=None),
        ],
    )


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
