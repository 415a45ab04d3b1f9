-- The newest load of each source table (or device export) with its row counts.
select
    source,
    source_object,
    ingested_at,
    rows_in,
    rows_loaded,
    coalesce(rows_merged, 0) as rows_merged,
    rows_quarantined
from load_batches
where getvariable('may_see_quality')
qualify row_number() over (partition by source, source_object order by ingested_at desc) = 1
order by source, source_object
