{{ config(**eperf.partitioned_config('activity_date', 'day')) }}
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
-- Only the days over the cap (int_activity_days_capped.capped_excess_minutes > 0) are put in
-- submission order: on any other day the day's total fits under the cap, so every report keeps
-- its own minutes. (Ordering every day of a ministry-year, 20 million reports, did not fit the
-- warehouse's memory limit; the few capped days do.)
-- The two sets read the credited reports separately, so neither copies all of them, and only the
-- capped days' reports are looked up in the source for their submission time.
with capped_days as (
    select nip, activity_date, daily_credit_cap_minutes
    from {{ ref('int_activity_days_capped') }}
    where capped_excess_minutes > 0 and {{ eperf.in_partition_window('activity_date', 'date') }}
),

uncapped_reports as (
    select c.*, c.credited_minutes_uncapped as credited_minutes
    from {{ ref('int_activity_reports_credited') }} c
    where {{ eperf.in_partition_window('c.activity_date', 'date') }}
        and not exists (
            select 1 from capped_days d where d.nip = c.nip and d.activity_date = c.activity_date
        )
),

capped_reports as (
    select
        c.*,
        least(
            c.credited_minutes_uncapped,
            greatest(d.daily_credit_cap_minutes - coalesce(sum(c.credited_minutes_uncapped) over (
                partition by c.nip, c.activity_date
                order by s.submitted_at nulls last, c.report_id
                rows between unbounded preceding and 1 preceding
            ), 0), 0)
        ) as credited_minutes
    from (
        -- the capped days' reports first: joined to the source's 20 million rows by report_id
        -- before this cut, DuckDB probed the source with every credited report
        select c.*
        from {{ ref('int_activity_reports_credited') }} c
        inner join capped_days cd on cd.nip = c.nip and cd.activity_date = c.activity_date
        where {{ eperf.in_partition_window('c.activity_date', 'date') }}
    ) c
    inner join capped_days d on d.nip = c.nip and d.activity_date = c.activity_date
    -- the same report's row (report_id is its key), so of the same activity date: read only the
    -- window's source rows, not the whole year of reports
    inner join {{ ref('stg_app__activity_reports') }} s
        on s.report_id = c.report_id
        and {{ eperf.in_partition_window('s.activity_date', 'date') }}
),

reports as (
    -- both sets are the credited report's columns and then credited_minutes
    select u.*, cast(extract(year from u.activity_date) as integer) as fiscal_year
    from (
        select * from uncapped_reports
        union all
        select * from capped_reports
    ) u
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
    cast(o.credited_minutes as decimal(18, 2)) as credited_minutes
from reports o
left join {{ ref('stg_app__rkakl_outputs') }} ro
    on ro.output_code = o.rkakl_output_code and ro.fiscal_year = o.fiscal_year
