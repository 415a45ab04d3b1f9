-- The quarantined rows themselves, narrowed to $sources, $tables and $reasons (empty: all).
-- Personal data (raw_text, detail, scope): the data team only.
select
    quarantine_held(q.is_active, q.resolved_at) as is_active,
    q.quarantined_on,
    q.ingested_at,
    q.source,
    quarantine_table(q.source_object, $device_export) as source_table,
    q.source_object,
    q.source_row_number,
    q.reason,
    q.detail,
    q.raw_text,
    q.scope_kind,
    q.scope_value,
    q.first_date,
    q.last_date,
    q.resolved_at,
    q.resolution,
    q.batch_id
from fct_quarantined_rows as q
where getvariable('may_see_quarantine_rows')
    and (len($sources) = 0 or list_contains($sources, q.source))
    and (
        len($tables) = 0
        or list_contains($tables, quarantine_table(q.source_object, $device_export))
    )
    and (len($reasons) = 0 or list_contains($reasons, q.reason))
order by
    is_active desc,
    q.ingested_at desc,
    q.source,
    q.source_object,
    q.source_row_number,
    q.reason
limit $limit
