-- What the subtree of $unit_id produced in $period: the credited output per catalogue activity
-- (approved, not deleted reports with minutes credited, R3), with the RKAKL output it serves
-- (R11). Aggregates only; for an aggregate-only role an activity done by fewer employees than the
-- small-group minimum, or a subtree that small, shows no figure (suppression.sql).
with subtree_size as (
    select h.headcount
    from unit_heads as h
    where h.unit_id = $unit_id and h.period = $period and h.scope = 'SUBTREE'
),

volumes as (
    select
        r.activity_code,
        any_value(r.activity_name order by r.activity_date desc) as activity_name,
        r.output_unit,
        any_value(r.rkakl_output_code order by r.activity_date desc) as rkakl_output_code,
        count(*) as reports,
        count(distinct r.nip) as employees,
        sum(r.quantity) as quantity,
        sum(r.credited_minutes) as credited_minutes
    from fct_activity_reports as r
    inner join scope_subtree($unit_id) as u on u.unit_id = r.unit_id
    where r.period = $period and r.credited_minutes > 0
    group by r.activity_code, r.output_unit
)

select
    v.activity_code,
    v.activity_name,
    v.output_unit,
    v.rkakl_output_code,
    suppressed(least(v.employees, s.headcount)) as suppressed,
    shown(v.reports, least(v.employees, s.headcount)) as reports,
    shown(v.employees, least(v.employees, s.headcount)) as employees,
    shown(v.quantity::double, least(v.employees, s.headcount)) as quantity,
    shown(v.credited_minutes::double, least(v.employees, s.headcount)) as credited_minutes
from volumes as v
cross join subtree_size as s
order by v.credited_minutes desc, v.activity_code, v.output_unit
