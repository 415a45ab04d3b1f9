-- Marked employee-months, units and quarantined rows per period. Counts only.
select
    m.period,
    count(*)::bigint as employee_months,
    count(distinct m.unit_id)::bigint as units,
    sum(m.quarantined_rows)::bigint as quarantined_rows
from fct_marked_employee_months as m
where getvariable('may_see_quality')
group by m.period
order by m.period desc
