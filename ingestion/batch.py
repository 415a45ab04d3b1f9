"""A load batch: the lineage every raw row carries (source, object, row number, batch id, time)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass(frozen=True)
class Batch:
    """One ingestion run of one source; its id and start time are stamped on every raw row."""

    source: str
    batch_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    ingested_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(tzinfo=None))


@dataclass
class LoadReport:
    """Rows read, loaded and quarantined per source object; rows_in must equal the other two."""

    source: str
    batch_id: str
    rows_in: dict[str, int] = field(default_factory=dict)
    rows_loaded: dict[str, int] = field(default_factory=dict)
    rows_quarantined: dict[str, int] = field(default_factory=dict)
    rows_changed: dict[str, int] = field(default_factory=dict)

    def add(self, obj: str, rows_in: int, loaded: int, quarantined: int) -> None:
        if rows_in != loaded + quarantined:
            raise AssertionError(
                f"{self.source}.{obj}: {rows_in} rows read but {loaded} loaded + "
                f"{quarantined} quarantined"
            )
        self.rows_in[obj] = self.rows_in.get(obj, 0) + rows_in
        self.rows_loaded[obj] = self.rows_loaded.get(obj, 0) + loaded
        self.rows_quarantined[obj] = self.rows_quarantined.get(obj, 0) + quarantined

    @property
    def totals(self) -> dict[str, int]:
        return {
            "rows_in": sum(self.rows_in.values()),
            "rows_loaded": sum(self.rows_loaded.values()),
            "rows_quarantined": sum(self.rows_quarantined.values()),
        }
