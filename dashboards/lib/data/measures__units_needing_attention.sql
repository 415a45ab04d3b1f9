-- The units of the scope (direct members) with the highest TK rate in one period.
with units as (
    select
        u.unit_id,
        u.unit_name,
        u.eselon1_unit_id,
        u.eselon1_unit_name,
        unnest(r5_measures(f))
    from fct_unit_monthly as f
    inner join scope_units as u on u.unit_id = f.unit_id
    where f.scope = 'DIRECT' and f.period = $period
    group by u.unit_id, u.unit_name, u.eselon1_unit_id, u.eselon1_unit_name
    having sum(f.headcount) >= $min_headcount
)

select *
from units
order by tk_rate_pct desc nulls last, headcount desc, unit_id
limit $limit
