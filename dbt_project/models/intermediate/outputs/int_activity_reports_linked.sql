-- Grain: one row per APPROVED, not deleted activity report (R3), with the RKAKL output it
-- contributes to (R11) and its credited minutes after the daily cap.
-- Output link: the catalogue version valid on the activity date names rkakl_output_code; the report
-- counts for that output of the fiscal year of the activity date (the calendar year, UU 17/2003)
-- if the RKAKL lists the output for that year, else it is linked to no output (output_code null,
-- output_unlisted flagged). A report claimed on a TK day credits nothing (R3) and contributes no
-- volume.
-- Daily cap per report (R3 caps a day, not a report): the day's reports keep their minutes in the
-- order they were submitted (submitted_at, then report_id) until daily_credit_cap_minutes is
-- reached; the excess falls on the last ones. Minutes stay exact (2 decimals) and add up per day
-- to int_activity_days_capped.credited_minutes (singular test assert_report_minutes_add_up_to_days).
with reports as (
    select
        c.*,
        s.submitted_at,
        cast(extract(year from c.activity_date) as integer) as fiscal_year
    from {{ ref('int_activity_reports_credited') }} c
    inner join {{ ref('stg_app__activity_reports') }} s on s.report_id = c.report_id
),

ordered as (
    select
        r.*,
        coalesce(sum(r.credited_minutes_uncapped) over (
            partition by r.nip, r.activity_date
            order by r.submitted_at nulls last, r.report_id
            rows between unbounded preceding and 1 preceding
        ), 0) as day_minutes_before
    from reports r
)

select
    o.report_id,
    o.nip,
    o.activity_date,
    o.period,
    o.fiscal_year,
    o.activity_code,
    o.quantity,
    o.rkakl_output_code,
    ro.output_code,
    o.rkakl_output_code is not null and ro.output_code is null as output_unlisted,
    o.claimed_while_absent,
    o.credited_minutes_uncapped,
    cast(
        least(o.credited_minutes_uncapped, greatest(c.daily_credit_cap_minutes - o.day_minutes_before, 0))
        as decimal(18, 2)
    ) as credited_minutes
from ordered o
inner join {{ ref('int_calendar_days_classified') }} c on c.calendar_date = o.activity_date
left join {{ ref('stg_app__rkakl_outputs') }} ro
    on ro.output_code = o.rkakl_output_code and ro.fiscal_year = o.fiscal_year
