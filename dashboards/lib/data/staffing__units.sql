-- Monthly R6 rows of the scope's units at one level ($staff_scope: DIRECT members or SUBTREE)
-- in $period (null: every month), with the headcount of the same rows; the EJ, PJ band and
-- verdict are the mart's, per-unit figures suppressed for small units.
select
    s.unit_id,
    u.unit_name,
    u.path,
    u.depth,
    s.period,
    h.headcount::bigint as headcount,
    suppressed(h.headcount) as suppressed,
    s.fte_actual::double as fte_actual,
    shown(s.workload_minutes::double, h.headcount) as workload_minutes,
    shown(s.fte_needed::double, h.headcount) as fte_needed,
    shown(s.gap::double, h.headcount) as gap,
    shown(s.ej::double, h.headcount) as ej,
    shown(s.pj_band, h.headcount) as pj_band,
    shown(s.verdict, h.headcount) as verdict
from fct_staffing_adequacy as s
inner join scope_units as u on u.unit_id = s.unit_id
left join unit_heads as h on h.unit_id = s.unit_id and h.period = s.period and h.scope = s.scope
where s.period_grain = 'MONTH'
    and s.scope = $staff_scope
    and ($period is null or s.period = $period)
order by u.path, s.period
