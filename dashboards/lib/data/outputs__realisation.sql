-- The RKAKL outputs owned by the subtree of $unit_id (inside the scope) at the end of $period
-- (R11), TERTINGGAL first, then by the points they trail the plan.
select
    o.output_code,
    o.output_name,
    o.output_unit,
    o.unit_id,
    u.unit_name,
    o.status as output_status,
    o.target_volume::double as target_volume,
    o.realised_volume::double as realised_volume,
    o.realisation_pct::double as output_realisation_pct,
    o.planned_pct::double as output_planned_pct,
    (o.planned_pct - o.realisation_pct)::double as trailing_points,
    o.budget_idr,
    o.allocated_tukin_idr,
    o.tukin_per_unit_idr
from fct_output_realisation as o
inner join scope_subtree($unit_id) as u on u.unit_id = o.unit_id
where o.period = $period
order by
    case when o.status = 'TERTINGGAL' then 0 else 1 end,
    trailing_points desc nulls last,
    o.output_code
