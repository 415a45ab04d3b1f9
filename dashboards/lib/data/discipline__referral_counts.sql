-- R7 referrals of the period per unit and recommended sanction, with the unit of the
-- employee's month (fct_discipline_referral has no unit); small units are left out.
with referrals as (
    select m.unit_id, r.recommended_sanction, count(*)::bigint as referrals
    from fct_discipline_referral as r
    inner join fct_employee_monthly as m on m.nip = r.nip and m.period = r.period
    where r.period = $period and m.unit_id in (select unit_id from scope_units)
    group by m.unit_id, r.recommended_sanction
)

select
    r.unit_id,
    u.unit_name,
    h.headcount::bigint as headcount,
    r.recommended_sanction,
    r.referrals
from referrals as r
inner join scope_units as u on u.unit_id = r.unit_id
left join unit_heads as h
    on h.unit_id = r.unit_id and h.period = $period and h.scope = 'DIRECT'
where not suppressed(h.headcount)
order by u.unit_name, r.unit_id, r.recommended_sanction
