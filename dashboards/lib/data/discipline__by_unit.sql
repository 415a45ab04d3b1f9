-- TL and PSW counts, TK days and TK rate of the direct members of each unit of the scope.
select
    u.unit_id,
    u.unit_name,
    u.eselon1_unit_name,
    u.path,
    f.headcount::bigint as headcount,
    suppressed(f.headcount) as suppressed,
    shown(f.tl_count::bigint, f.headcount) as tl_count,
    shown(f.psw_count::bigint, f.headcount) as psw_count,
    shown(f.tk_days::bigint, f.headcount) as tk_days,
    shown(100 * f.tk_days::double / nullif(f.workdays, 0), f.headcount) as tk_rate_pct
from fct_unit_monthly as f
inner join scope_units as u on u.unit_id = f.unit_id
where f.scope = 'DIRECT' and f.period = $period and f.headcount > 0
order by suppressed, tl_count + psw_count + tk_days desc nulls last, u.path
