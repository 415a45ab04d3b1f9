"""Dagster's SQLite event log, with one SQLAlchemy engine per database file instead of one per
stored event.

Dagster's ``SqliteEventLogStorage`` builds a new engine for every event it stores (twice for an
asset event or an asset check evaluation, which it copies into the index database) and asks
SQLite whether a table exists for every asset event with tags: a scoring run's 1,203 events
took 12.0 s to store, whatever the size of the data. Here each database keeps its engine and the
tables found stay found (7.6 s for the same events); everything else is Dagster's own: each
event is still written and committed on a connection of its own, opened and closed around it
(``NullPool``), so the database file is updated at once, as Dagster's webserver expects when it
watches a run's file for new events.

Selected by ``dagster.yaml`` (orchestration/instance.py) whenever the instance stores on SQLite;
its files are those of ``$DAGSTER_HOME``, as with Dagster's default storage.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from dagster._config import StringSource
from dagster._core.storage.event_log import SqliteEventLogStorage
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
from sqlalchemy.pool import NullPool

# The engines kept: the index database and the newest runs' databases (a webserver reads many
# runs; an engine without pooled connections holds no file open, only its dialect's state).
ENGINES_KEPT = 16


class SqliteEventLogStorageKeepingEngines(SqliteEventLogStorage):
    """``SqliteEventLogStorage`` that reuses an engine per database file (see the module)."""

    def __init__(self, base_dir: str, inst_data=None):
        self._engines: OrderedDict[str, sa.Engine] = OrderedDict()
        self._tables_found: set[str] = set()
        super().__init__(base_dir, inst_data=inst_data)

    @classmethod
    def config_type(cls):
        return {"dagster_home": StringSource}

    @classmethod
    def from_config_value(cls, inst_data, config_value):
        # Where Dagster's default SQLite storage keeps the event log of that home.
        base_dir = os.path.join(config_value["dagster_home"], "history", "runs", "")
        return cls(base_dir, inst_data=inst_data)

    def _engine(self, shard: str) -> sa.Engine:
        engine = self._engines.get(shard)
        if engine is None:
            engine = sa.create_engine(
                self.conn_string_for_shard(shard),
                poolclass=NullPool,
                connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
            )
            self._engines[shard] = engine
            while len(self._engines) > ENGINES_KEPT:
                self._engines.popitem(last=False)[1].dispose()
        else:
            self._engines.move_to_end(shard)
        return engine

    @contextmanager
    def _connect(self, shard: str) -> Iterator[sa.Connection]:
        with self._db_lock:
            engine = self._engine(shard)
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    def has_table(self, table_name: str) -> bool:
        # A table, once there, stays (only a migration adds one); a missing one is asked again.
        if table_name not in self._tables_found and super().has_table(table_name):
            self._tables_found.add(table_name)
        return table_name in self._tables_found
