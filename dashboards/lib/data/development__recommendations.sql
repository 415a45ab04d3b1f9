-- Employees per R12 recommendation code in the subtree of $unit_id (an employee may count under
-- several).
select r.recommendation, count(*)::bigint as employees
from (
    select unnest(string_split(m.recommendations, ',')) as recommendation
    from fct_development_map as m
    inner join scope_subtree($unit_id) as u on u.unit_id = m.unit_id
    where m.period = $period and m.recommendations is not null
) as r
group by r.recommendation
order by r.recommendation
