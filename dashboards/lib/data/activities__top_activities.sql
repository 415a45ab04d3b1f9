-- The catalogue activities the team of the subtree of $unit_id reports most in $period (every
-- report not deleted), with the minutes credited for them: what the unit spends its time on.
select
    r.activity_code,
    any_value(r.activity_name order by r.activity_date desc) as activity_name,
    r.output_unit,
    count(*) as reports,
    count(distinct r.nip) as employees,
    sum(r.quantity)::double as quantity,
    sum(r.credited_minutes)::double as credited_minutes
from fct_activity_reports as r
inner join visible_months as v on v.nip = r.nip and v.period = r.period
inner join scope_subtree($unit_id) as u on u.unit_id = v.unit_id
where getvariable('may_see_personal') and r.period = $period and not r.is_deleted
group by r.activity_code, r.output_unit
order by reports desc, r.activity_code, r.output_unit
limit $limit
