-- Each employee of the subtree of $unit_id in $period, for readers of personal data (a unit
-- head's view of their people): the month's reports, the pending and rejected ones, the outputs
-- credited so far, the credited minutes against the R3 target and the capaian so far. Who has
-- most reports waiting comes first, then the lowest capaian; at most $limit rows (a screenful to
-- act on: the counts of the queue below are complete).
with subtree_months as (
    select v.nip, v.unit_id, v.credited_minutes, v.target_minutes, v.capaian_pct
    from visible_months as v
    inner join scope_subtree($unit_id) as u on u.unit_id = v.unit_id
    where getvariable('may_see_personal') and v.period = $period
),

-- one pass over the period's reports, per employee and output unit; read twice below
per_output as materialized (
    select
        r.nip,
        r.output_unit,
        count(*) filter (where not r.is_deleted and r.status <> 'DRAFT') as submitted,
        count(*) filter (where not r.is_deleted and r.status = 'SUBMITTED') as pending,
        count(*) filter (where not r.is_deleted and r.status = 'REJECTED') as rejected,
        sum(r.quantity) filter (where r.credited_minutes > 0) as credited_quantity
    from fct_activity_reports as r
    where r.period = $period
        -- a report's unit is its employee-month's (int_activity_reports_attributed)
        and r.unit_id in (select distinct unit_id from subtree_months)
    group by r.nip, r.output_unit
),

reports as (
    select
        nip,
        sum(submitted) as reports_submitted,
        sum(pending) as reports_pending,
        sum(rejected) as reports_rejected
    from per_output
    group by nip
),

shown as (
    select
        m.nip,
        m.unit_id,
        coalesce(r.reports_submitted, 0) as reports_submitted,
        coalesce(r.reports_pending, 0) as reports_pending,
        coalesce(r.reports_rejected, 0) as reports_rejected,
        m.credited_minutes,
        m.target_minutes,
        m.capaian_pct
    from subtree_months as m
    left join reports as r on r.nip = m.nip
    order by reports_pending desc, m.capaian_pct asc nulls first, m.nip
    limit $limit
),

-- the outputs credited, listed only for the employees shown
outputs as (
    select
        o.nip,
        list(
            {'quantity': o.credited_quantity::double, 'output_unit': o.output_unit} order by o.credited_quantity desc
        ) as outputs
    from per_output as o
    where o.credited_quantity is not null and o.nip in (select nip from shown)
    group by o.nip
)

select
    s.nip,
    e.full_name,
    u.unit_name,
    s.reports_submitted,
    s.reports_pending,
    s.reports_rejected,
    o.outputs,
    s.credited_minutes::double as credited_minutes,
    s.target_minutes::double as target_minutes,
    s.capaian_pct::double as capaian_pct
from shown as s
left join outputs as o on o.nip = s.nip
left join dim_employee as e on e.nip = s.nip
left join dim_org_unit as u on u.unit_id = s.unit_id
order by s.reports_pending desc, s.capaian_pct asc nulls first, e.full_name, s.nip
