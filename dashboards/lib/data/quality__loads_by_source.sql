-- The newest load of each source with its rows read, loaded, merged and quarantined.
with log as (
    select * from load_batches where getvariable('may_see_quality')
),

newest as (
    select source, max(ingested_at) as ingested_at from log group by source
)

select
    b.source,
    n.ingested_at,
    count(*)::bigint as objects,
    sum(b.rows_in)::bigint as rows_in,
    sum(b.rows_loaded)::bigint as rows_loaded,
    sum(coalesce(b.rows_merged, 0))::bigint as rows_merged,
    sum(b.rows_quarantined)::bigint as rows_quarantined
from log as b
inner join newest as n on n.source = b.source and n.ingested_at = b.ingested_at
group by b.source, n.ingested_at
order by b.source
