-- The R11 subtree roll-up of the child units of $unit_id in $period, most minutes with no
-- output first. For an aggregate-only role the minutes of a child show only when its subtree and
-- the rest of $unit_id's subtree without it both reach the small-group minimum (suppression.sql):
-- the activity volumes per child unit show the same minutes' complement.
with children as (
    select
        u.unit_id,
        u.unit_name,
        f.n_outputs,
        f.n_tertinggal,
        f.realisation_pct,
        f.credited_minutes,
        f.no_output_minutes_pct,
        least(
            coalesce(h.headcount, 0),
            coalesce(subtree_headcount($unit_id, $period), 0) - coalesce(h.headcount, 0)
        ) as group_size
    from fct_output_realisation_unit as f
    inner join scope_units as u on u.unit_id = f.unit_id
    left join unit_heads as h on h.unit_id = f.unit_id and h.period = f.period and h.scope = 'SUBTREE'
    where f.scope = 'SUBTREE'
        and f.period = $period
        and u.parent_unit_id = $unit_id
        and $unit_id in (select unit_id from scope_units)
)

select
    unit_id,
    unit_name,
    n_outputs,
    n_tertinggal,
    realisation_pct::double as output_realisation_pct,
    shown(credited_minutes::double, group_size) as credited_minutes,
    shown(no_output_minutes_pct::double, group_size) as no_output_minutes_pct
from children
order by no_output_minutes_pct desc nulls last, unit_id
