-- The 12 months of the R6 projection of one unit of the scope after the last period, judged on
-- the size of the unit in that last period.
with last_heads as (
    select unit_id, scope, arg_max(headcount, period) as headcount
    from unit_heads
    group by unit_id, scope
)

select
    p.unit_id,
    u.unit_name,
    p.months_ahead,
    p.period,
    h.headcount::bigint as headcount,
    suppressed(h.headcount) as suppressed,
    p.fte_projected::double as fte_projected,
    shown(p.known_exits, h.headcount) as known_exits,
    shown(p.ej_projected::double, h.headcount) as ej_projected,
    shown(p.verdict_projected, h.headcount) as verdict_projected
from fct_staffing_projection as p
inner join scope_units as u on u.unit_id = p.unit_id
left join last_heads as h on h.unit_id = p.unit_id and h.scope = p.scope
where p.scope = $staff_scope and p.unit_id = $unit_id
order by p.months_ahead
