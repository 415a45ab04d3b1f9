-- The periods with rows the scope may see, oldest first.
select distinct period
from (
    select f.period from fct_unit_monthly as f
    where f.unit_id in (select unit_id from scope_units)
    union all
    select v.period from visible_months as v
)
where period is not null
order by period
