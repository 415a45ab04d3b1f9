"""Run a suite on a raw table with GX 1.x (ephemeral context, pandas DataFrame batch).

GX 1.x cannot validate DuckDB through SQLAlchemy yet (research/tech_style.md, Pitfall 5), so the
table is read into pandas with the suite's query and validated as a DataFrame.

A suite whose inputs did not change since its last run is not run again: its previous outcome
(failures included, so a failed contract keeps blocking) is returned. The inputs are the suite's
definition and, for every raw table its query reads, the row count and newest ``_ingested_at``:
every loader stamps the rows it writes with its batch time and removes rows only by deleting
them, so any change moves one of the two. A ``row_wise`` suite (each row's result depends on
that row and on other tables only) that passed, with those other tables unchanged, validates
only the rows landed since its last run. A row-wise suite is read and validated a slice of
``EPERF_GX_ROWS_PER_SLICE`` rows (default 1,000,000) at a time, its outcomes added up.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version

import duckdb
import pandas as pd

from data_quality.suites import Suite
from eperf.config import Settings

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
    suite varchar primary key, fingerprint varchar, definition varchar, others varchar,
    newest_ingested_at timestamp, success boolean, element_count bigint, failures varchar,
    validated_at timestamp
)
"""
RAW_TABLE = re.compile(r"\braw\.(\w+)")



@dataclass
class Outcome:
    """The result of one suite on one batch: overall success and each failed expectation."""

    suite: str
    success: bool
    element_count: int
    failures: list[dict] = field(default_factory=list)
    reused: bool = False  # True when the inputs were unchanged and the last outcome was returned


def _definition(suite: Suite):
    """A GX validation definition of the suite over a whole-DataFrame batch (ephemeral context).
    GX is imported here, when a suite validates, not when the pipeline loads (suites.py)."""
    import great_expectations as gx
    import great_expectations.expectations as gxe

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = gx.data_context.types.base.ProgressBarsConfig(globally=False)
    batch = (
        context.data_sources.add_pandas(suite.name)
        .add_dataframe_asset(suite.name)
        .add_batch_definition_whole_dataframe("batch")
    )
    expectation_suite = context.suites.add(gx.ExpectationSuite(name=suite.name))
    for expectation in suite.expectations():
        expectation_suite.add_expectation(getattr(gxe, expectation.kind)(**expectation.arguments()))
    return context.validation_definitions.add(
        gx.ValidationDefinition(name=suite.name, data=batch, suite=expectation_suite)
    )


def _run(definition, df: pd.DataFrame, suite: Suite) -> Outcome:
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


def validate_frame(df: pd.DataFrame, suite: Suite) -> Outcome:
    """Validate a DataFrame against the suite's expectations."""
    return _run(_definition(suite), df, suite)


def merge_outcomes(suite: Suite, parts: list[Outcome]) -> Outcome:
    """One outcome of a row-wise suite validated slice by slice: rows and unexpected counts
    add up per failed expectation, whose sample is its first five values in slice order."""
    failures: dict[tuple, dict] = {}
    for part in parts:
        for f in part.failures:
            merged = failures.setdefault(
                (f["expectation"], f["column"]), {**f, "unexpected_count": 0, "sample": []}
            )
            merged["unexpected_count"] += f["unexpected_count"] or 0
            merged["sample"] = (merged["sample"] + f["sample"])[:5]
    return Outcome(
        suite.name,
        all(part.success for part in parts),
        sum(part.element_count for part in parts),
        list(failures.values()),
    )


def vectors_per_slice(settings: Settings) -> int:
    """DuckDB vectors per DataFrame when a row-wise suite is validated slice by slice."""
    return max(1, settings.gx_rows_per_slice // duckdb.__standard_vector_size__)


def validate_query(
    con: duckdb.DuckDBPyConnection, suite: Suite, sql: str, params: list | None = None
) -> Outcome:
    """Validate the rows of ``sql``. A row-wise suite is validated ``EPERF_GX_ROWS_PER_SLICE``
    rows at a time (each row's result does not depend on the other rows of its table), so a table of
    tens of millions of rows never becomes one DataFrame; any other suite sees all rows at once."""
    result = con.execute(sql, params or [])
    if not suite.row_wise:
        return validate_frame(result.df(), suite)
    definition = _definition(suite)
    parts = []
    vectors = vectors_per_slice(Settings.from_env())
    while len(df := result.fetch_df_chunk(vectors)):  # the same types as .df()
        parts.append(_run(definition, df, suite))
    return merge_outcomes(suite, parts) if parts else Outcome(suite.name, True, 0)


def validate_table(con: duckdb.DuckDBPyConnection, suite: Suite) -> Outcome:
    """Validate the landed table and record the outcome in ``raw.data_quality_results``.

    When nothing the suite reads changed since its last run, that run's outcome is returned. A
    ``row_wise`` suite that passed last time, when the other tables it looks up are unchanged,
    validates only the rows landed since (the rows it passed still pass), and reports the whole
    table's row count."""
    state = _previous_state(con, suite)
    stamps = table_stamps(con, suite)
    fingerprint = _digest(definition_digest(suite), *stamps.values()) if stamps else None
    if state is not None and fingerprint is not None and state["fingerprint"] == fingerprint:
        return Outcome(
            suite.name, state["success"], state["element_count"], state["failures"], reused=True
        )
    table = _own_table(suite)
    others = _digest(*(v for k, v in stamps.items() if k != table)) if stamps else None
    incremental = (
        suite.row_wise
        and state is not None
        and state["success"]
        and state["definition"] == definition_digest(suite)
        and state["others"] == others
        and state["newest_ingested_at"] is not None
    )
    if incremental:
        partial = validate_query(
            con, suite, f"{suite.query} where t._ingested_at > ?", [state["newest_ingested_at"]]
        )
        total = con.execute(f"select count(*) from raw.{table}").fetchone()[0]
        outcome = Outcome(suite.name, partial.success, total, partial.failures)
    else:
        outcome = validate_query(con, suite, suite.query)
    record(con, suite, outcome)
    if fingerprint is not None:
        newest = con.execute(f"select max(_ingested_at) from raw.{table}").fetchone()[0]
        _remember(con, suite, fingerprint, others, newest, outcome)
    return outcome


def _own_table(suite: Suite) -> str:
    return f"{suite.asset_key[0]}__{suite.asset_key[1]}"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def definition_digest(suite: Suite) -> str:
    """A digest of what the suite checks: its query and expectations (and the GX version)."""
    parts = [version("great_expectations"), suite.name, suite.query]
    parts += [str(suite.blocking), str(suite.row_wise)]
    parts += [
        json.dumps([e.kind, e.arguments()], sort_keys=True, default=str)
        for e in suite.expectations()
    ]
    return _digest(*parts)


def table_stamps(con: duckdb.DuckDBPyConnection, suite: Suite) -> dict[str, str] | None:
    """For every raw table the suite's query reads, its row count and newest ``_ingested_at``;
    None when a table lacks ``_ingested_at`` (the suite then always runs in full)."""
    stamps = {}
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
        stamps[table] = f"{table}:{count}:{newest}"
    return stamps


def input_fingerprint(con: duckdb.DuckDBPyConnection, suite: Suite) -> str | None:
    """A digest of the suite's definition and of the stamps of every raw table it reads."""
    stamps = table_stamps(con, suite)
    return _digest(definition_digest(suite), *stamps.values()) if stamps else None


def _previous_state(con: duckdb.DuckDBPyConnection, suite: Suite) -> dict | None:
    con.execute(FINGERPRINTS_DDL)
    row = con.execute(
        "select fingerprint, definition, others, newest_ingested_at, success, element_count, "
        "failures from quality.suite_fingerprints where suite = ?",
        [suite.name],
    ).fetchone()
    if row is None:
        return None
    keys = ("fingerprint", "definition", "others", "newest_ingested_at", "success")
    return {
        **dict(zip(keys, row[:5], strict=True)),
        "element_count": row[5],
        "failures": json.loads(row[6]),
    }


def _remember(
    con: duckdb.DuckDBPyConnection,
    suite: Suite,
    fingerprint: str,
    others: str | None,
    newest: datetime | None,
    outcome: Outcome,
) -> None:
    con.execute(
        "insert or replace into quality.suite_fingerprints values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            suite.name,
            fingerprint,
            definition_digest(suite),
            others,
            newest,
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
