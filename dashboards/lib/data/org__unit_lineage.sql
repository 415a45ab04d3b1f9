-- The unit's ancestors inside the scope (the breadcrumb), the unit itself last.
select a.unit_id, a.unit_name, a.depth
from scope_units as a
inner join scope_units as t on t.unit_id = $unit_id
where in_subtree(t.path, a.path)
order by a.depth, a.path
