-- The R11 roll-up of the subtree of $unit_id per period (none outside the scope).
select
    f.period,
    f.n_outputs,
    f.n_tertinggal,
    f.budget_idr,
    f.allocated_tukin_idr,
    f.realisation_pct::double as output_realisation_pct,
    f.planned_pct::double as output_planned_pct,
    f.credited_minutes::double as credited_minutes,
    f.no_output_minutes::double as no_output_minutes,
    f.no_output_minutes_pct::double as no_output_minutes_pct
from fct_output_realisation_unit as f
inner join scope_units as u on u.unit_id = f.unit_id
where f.scope = 'SUBTREE' and f.unit_id = $unit_id
order by f.period
