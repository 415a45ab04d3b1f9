-- Employees per cell of the R12 performance × behaviour grid in the subtree of $unit_id.
select m.performance_axis, m.behaviour_axis, count(*)::bigint as employees
from fct_development_map as m
inner join scope_subtree($unit_id) as u on u.unit_id = m.unit_id
where m.period = $period
group by m.performance_axis, m.behaviour_axis
