-- The R7 referrals of the period with NIP and name: personal data.
select
    r.nip,
    e.full_name,
    u.unit_name,
    r.trigger,
    r.discipline_days_ytd,
    r.tk_days_ytd,
    r.late_early_minutes_ytd,
    r.recommended_sanction,
    r.evidence
from fct_discipline_referral as r
inner join visible_months as v on v.nip = r.nip and v.period = r.period
left join dim_employee as e on e.nip = r.nip
left join dim_org_unit as u on u.unit_id = v.unit_id
where getvariable('may_see_personal') and r.period = $period
order by r.discipline_days_ytd desc, e.full_name, r.nip
limit $limit
