-- The R11 subtree roll-up of the child units of $unit_id in $period, most minutes with no
-- output first.
select
    u.unit_id,
    u.unit_name,
    f.n_outputs,
    f.n_tertinggal,
    f.realisation_pct::double as output_realisation_pct,
    f.credited_minutes::double as credited_minutes,
    f.no_output_minutes_pct::double as no_output_minutes_pct
from fct_output_realisation_unit as f
inner join scope_units as u on u.unit_id = f.unit_id
where f.scope = 'SUBTREE'
    and f.period = $period
    and u.parent_unit_id = $unit_id
    and $unit_id in (select unit_id from scope_units)
order by no_output_minutes_pct desc nulls last, u.unit_id
