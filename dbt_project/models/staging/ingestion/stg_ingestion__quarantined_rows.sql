-- Grain: one row per rejected source row per batch (raw.quarantine), still held or since
-- resolved. Scope: whose pay the row would have touched had it loaded (ingestion/row_contract.py
-- for the databases; the resolved employee, else the device, for punch lines).
select
    batch_id,
    source,
    source_object,
    row_number as source_row_number,
    reason,
    detail,
    raw_text,
    row_key,
    scope_kind,
    scope_value,
    first_date,
    last_date,
    ingested_at,
    resolved_at,
    resolution,
    resolved_at is null as is_active
from {{ source('ingestion', 'quarantine') }}
