-- What each child unit of $unit_id produced in $period (subtree roll-up): reports credited,
-- employees who reported, credited minutes, and the share of those minutes serving an RKAKL
-- output (R11). Aggregates only, suppressed per child subtree for aggregate-only roles.
with children as (
    select c.unit_id, c.unit_name, c.path, h.headcount
    from scope_units as c
    left join unit_heads as h on h.unit_id = c.unit_id and h.period = $period and h.scope = 'SUBTREE'
    where c.parent_unit_id = $unit_id and $unit_id in (select unit_id from scope_units)
),

-- each unit of the scope under its child of $unit_id: the reports then join on unit_id alone
unit_child as (
    select o.unit_id, c.unit_id as child_id
    from scope_units as o
    inner join children as c on in_subtree(o.path, c.path)
),

credited as (
    select
        uc.child_id as unit_id,
        count(*) as reports,
        count(distinct r.nip) as employees,
        sum(r.credited_minutes) as credited_minutes,
        sum(r.credited_minutes) filter (where r.rkakl_output_code is not null) as output_minutes
    from fct_activity_reports as r
    inner join unit_child as uc on uc.unit_id = r.unit_id
    where r.period = $period and r.credited_minutes > 0
    group by uc.child_id
)

select
    c.unit_id,
    c.unit_name,
    c.headcount,
    suppressed(c.headcount) as suppressed,
    shown(coalesce(k.reports, 0), c.headcount) as reports,
    shown(coalesce(k.employees, 0), c.headcount) as employees,
    shown(coalesce(k.credited_minutes, 0)::double, c.headcount) as credited_minutes,
    shown(
        round(100 * coalesce(k.output_minutes, 0) / nullif(k.credited_minutes, 0), 1)::double, c.headcount
    ) as output_minutes_pct
from children as c
left join credited as k on k.unit_id = c.unit_id
order by k.credited_minutes desc nulls last, c.unit_id
