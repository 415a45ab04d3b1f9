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

reports as (
    select
        r.nip,
        count(*) filter (where not r.is_deleted and r.status <> 'DRAFT') as reports_submitted,
        count(*) filter (where not r.is_deleted and r.status = 'SUBMITTED') as reports_pending,
        count(*) filter (where not r.is_deleted and r.status = 'REJECTED') as reports_rejected
    from fct_activity_reports as r
    where r.period = $period and r.nip in (select nip from subtree_months)
    group by r.nip
),

outputs as (
    select
        o.nip,
        list({'quantity': o.quantity::double, 'output_unit': o.output_unit} order by o.quantity desc) as outputs
    from (
        select r.nip, r.output_unit, sum(r.quantity) as quantity
        from fct_activity_reports as r
        where r.period = $period
            and r.credited_minutes > 0
            and r.nip in (select nip from subtree_months)
        group by r.nip, r.output_unit
    ) as o
    group by o.nip
)

select
    m.nip,
    e.full_name,
    u.unit_name,
    coalesce(r.reports_submitted, 0) as reports_submitted,
    coalesce(r.reports_pending, 0) as reports_pending,
    coalesce(r.reports_rejected, 0) as reports_rejected,
    o.outputs,
    m.credited_minutes::double as credited_minutes,
    m.target_minutes::double as target_minutes,
    m.capaian_pct::double as capaian_pct
from subtree_months as m
left join reports as r on r.nip = m.nip
left join outputs as o on o.nip = m.nip
left join dim_employee as e on e.nip = m.nip
left join dim_org_unit as u on u.unit_id = m.unit_id
order by reports_pending desc, m.capaian_pct asc nulls first, e.full_name, m.nip
limit $limit
