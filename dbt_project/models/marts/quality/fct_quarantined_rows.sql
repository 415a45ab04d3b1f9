-- Grain: one row per rejected source row per batch, still held or since resolved: the data
-- team's list of what the warehouse kept aside, why, and whose pay it may have changed.
-- raw_text holds the row as the source gave it (personal data: data team only).
select
    batch_id,
    source,
    source_object,
    source_row_number,
    reason,
    detail,
    raw_text,
    scope_kind,
    scope_value,
    first_date,
    last_date,
    ingested_at,
    cast(ingested_at as date) as quarantined_on,
    resolved_at,
    resolution,
    is_active
from {{ ref('stg_ingestion__quarantined_rows') }}
