-- Employees' R8 promotion status with reasons ($status: one status, null: all): personal data.
select
    p.nip,
    e.full_name,
    u.unit_name,
    p.rank_grade,
    p.rank_since,
    p.next_rank_grade,
    p.eligible_from,
    p.status,
    p.reasons,
    p.annual_predicates,
    p.blocking_sanctions
from fct_promotion_eligibility as p
inner join visible_months as v on v.nip = p.nip and v.period = p.as_of_period
left join dim_employee as e on e.nip = p.nip
left join dim_org_unit as u on u.unit_id = v.unit_id
where getvariable('may_see_personal')
    and p.as_of_period = $period
    and ($status is null or p.status = $status)
order by p.status, p.eligible_from nulls last, e.full_name, p.nip
limit $limit
