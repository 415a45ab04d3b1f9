-- R5 measures of the whole scope per period: the SUBTREE rows of the scope's top units.
select f.period, unnest(r5_measures(f))
from fct_unit_monthly as f
inner join scope_tops as t on t.unit_id = f.unit_id
where f.scope = 'SUBTREE'
group by f.period
order by f.period
