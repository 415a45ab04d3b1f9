-- What each child unit of $unit_id produced in $period (subtree roll-up): reports credited,
-- employees who reported, credited minutes, and the share of those minutes serving an RKAKL
-- output (R11). Aggregates only. For an aggregate-only role a child shows no figure when fewer
-- than the small-group minimum reported in it, when its subtree is that small, or when the rest of
-- $unit_id's subtree without it is that small: its figures and the parent's total would then give
-- the rest's by subtraction. Rows are ordered by what is shown.
with children as (
    select c.unit_id, c.unit_name, c.path, h.headcount
    from scope_units as c
    inner join unit_heads as h on h.unit_id = c.unit_id and h.period = $period and h.scope = 'SUBTREE'
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
),

sized as (
    select
        c.unit_id,
        c.unit_name,
        c.headcount,
        k.reports as n_reports,
        k.employees as n_employees,
        k.credited_minutes as minutes,
        k.output_minutes,
        least(
            coalesce(k.employees, 0), c.headcount, coalesce(subtree_headcount($unit_id, $period), 0) - c.headcount
        ) as group_size
    from children as c
    left join credited as k on k.unit_id = c.unit_id
)

select
    unit_id,
    unit_name,
    headcount,
    suppressed(group_size) as suppressed,
    shown(coalesce(n_reports, 0), group_size) as reports,
    shown(coalesce(n_employees, 0), group_size) as employees,
    shown(coalesce(minutes, 0)::double, group_size) as credited_minutes,
    shown(round(100 * coalesce(output_minutes, 0) / nullif(minutes, 0), 1)::double, group_size)
        as output_minutes_pct
from sized
order by credited_minutes desc nulls last, unit_id
