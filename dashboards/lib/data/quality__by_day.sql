-- Quarantined rows per day, source, table and reason: held, resolved, total. Counts only.
select
    q.quarantined_on,
    q.source,
    quarantine_table(q.source_object, $device_export) as source_table,
    q.reason,
    count(*) filter (where quarantine_held(q.is_active, q.resolved_at))::bigint as held_rows,
    count(*) filter (where not quarantine_held(q.is_active, q.resolved_at))::bigint
        as resolved_rows,
    count(*)::bigint as total_rows
from fct_quarantined_rows as q
where getvariable('may_see_quality')
group by all
order by all
