-- The reports of the subtree of $unit_id dated in $period still waiting for the supervisor's
-- approval, for readers of personal data, the longest waiting first: the queue to clear before
-- the month closes. At most $limit rows (the counts per supervisor above are complete).
select
    r.nip,
    e.full_name,
    r.activity_date,
    r.activity_name,
    r.quantity::double as quantity,
    r.output_unit,
    r.claimed_minutes::double as claimed_minutes,
    r.submitted_at
from fct_activity_reports as r
inner join visible_months as v on v.nip = r.nip and v.period = r.period
inner join scope_subtree($unit_id) as u on u.unit_id = v.unit_id
left join dim_employee as e on e.nip = r.nip
where getvariable('may_see_personal')
    and r.period = $period
    and r.status = 'SUBMITTED'
    and not r.is_deleted
order by r.submitted_at nulls last, r.activity_date, r.report_id
limit $limit
