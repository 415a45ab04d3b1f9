-- One employee-month's activity reports (R3), when that month is visible to the scope: what was
-- done, the minutes claimed and credited and why they differ. visible_months holds the month only
-- for the employee and for readers of personal data whose subtree holds the employee (the
-- supervisors above them), so the free-text description reaches no one else.
select
    r.report_id,
    r.activity_date,
    r.activity_code,
    r.activity_name,
    r.quantity::double as quantity,
    r.output_unit,
    r.claimed_minutes::double as claimed_minutes,
    r.credited_minutes::double as credited_minutes,
    r.status,
    r.is_deleted,
    r.credit_note,
    r.rkakl_output_code,
    r.submitted_at,
    r.reviewed_at,
    r.review_days,
    r.description
from fct_activity_reports as r
where r.nip = $nip
    and r.period = $period
    and exists (select 1 from visible_months as v where v.nip = $nip and v.period = $period)
order by r.activity_date, r.submitted_at nulls last, r.report_id
