-- The complete calendar years (twelve periods with rows) of the scope before $period's year: the
-- performance history the annual predicates of R8 can be read from.
select count(*)::integer as years
from (
    select left(f.period, 4) as year
    from fct_unit_monthly as f
    where f.unit_id in (select unit_id from scope_units)
        and left(f.period, 4) < left($period, 4)
    group by left(f.period, 4)
    having count(distinct f.period) = 12
)
