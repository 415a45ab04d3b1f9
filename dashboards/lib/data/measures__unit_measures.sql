-- R5 subtree measures of one unit of the scope per period.
select f.period, unnest(r5_measures(f))
from fct_unit_monthly as f
inner join scope_units as u on u.unit_id = f.unit_id
where f.scope = 'SUBTREE' and f.unit_id = $unit_id
group by f.period
order by f.period
