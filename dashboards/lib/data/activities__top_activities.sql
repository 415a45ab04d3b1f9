-- The catalogue activities the team of the subtree of $unit_id reports most in $period (every
-- report not deleted), with the minutes credited for them: what the unit spends its time on.
select
    r.activity_code,
    arg_max(r.activity_name, r.activity_date) as activity_name,
    r.output_unit,
    count(*) as reports,
    count(distinct r.nip) as employees,
    sum(r.quantity)::double as quantity,
    sum(r.credited_minutes)::double as credited_minutes
from fct_activity_reports as r
where getvariable('may_see_personal')
    and r.period = $period
    and not r.is_deleted
    -- a report's unit is its employee-month's (int_activity_reports_attributed), so the
    -- subtree's units select the reports of the employee-months visible_months holds there
    and r.unit_id in (select u.unit_id from scope_subtree($unit_id) as u)
group by r.activity_code, r.output_unit
order by reports desc, r.activity_code, r.output_unit
limit $limit
