-- What the subtree of $unit_id produced in $period: the credited output per catalogue activity
-- (approved, not deleted reports with minutes credited, R3), with the RKAKL output it serves
-- (R11). Aggregates only; for an aggregate-only role an activity done by fewer employees than the
-- small-group minimum, or a subtree that small, shows no figure (suppression.sql), and the rows
-- are ordered by what is shown, so a hidden row's place tells nothing of its size.
with volumes as (
    select
        r.activity_code,
        arg_max(r.activity_name, r.activity_date) as activity_name,
        r.output_unit,
        arg_max(r.rkakl_output_code, r.activity_date) as rkakl_output_code,
        count(*) as n_reports,
        count(distinct r.nip) as n_employees,
        sum(r.quantity) as volume,
        sum(r.credited_minutes) as minutes
    from fct_activity_reports as r
    inner join scope_subtree($unit_id) as u on u.unit_id = r.unit_id
    where r.period = $period and r.credited_minutes > 0
    group by r.activity_code, r.output_unit
),

sized as (
    select v.*, least(v.n_employees, coalesce(subtree_headcount($unit_id, $period), 0)) as group_size
    from volumes as v
)

select
    activity_code,
    activity_name,
    output_unit,
    rkakl_output_code,
    suppressed(group_size) as suppressed,
    shown(n_reports, group_size) as reports,
    shown(n_employees, group_size) as employees,
    shown(volume::double, group_size) as quantity,
    shown(minutes::double, group_size) as credited_minutes
from sized
order by credited_minutes desc nulls last, activity_code, output_unit
