-- The R3 daily target and daily cap of credited minutes in force during $period, as the engine
-- read them (dim_policy_parameter), each with the regulation it rests on. A value changed inside
-- the month gives two rows: the page applies each on the days it covers.
select
    p.parameter,
    p.value::double as value,
    p.effective_from,
    p.effective_to,
    p.legal_basis
from dim_policy_parameter as p
where p.parameter in ('daily_target_minutes', 'daily_credit_cap_minutes')
    and p.effective_from <= last_day(try_cast($period || '-01' as date))
    and coalesce(p.effective_to, date '9999-12-31') >= try_cast($period || '-01' as date)
order by p.parameter, p.effective_from
