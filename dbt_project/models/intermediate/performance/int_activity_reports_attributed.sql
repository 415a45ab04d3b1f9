-- Ephemeral: its only consumer, fct_activity_reports, is the one written copy of these rows (a
-- ministry-year's 21.6 million reports with their texts were written twice); the mart's window
-- applies here through the same window predicates.
{{ config(materialized='ephemeral') }}
-- Grain: one row per activity report, soft-deleted ones included (R3): the minutes it claimed,
-- the minutes the scoring credited it and why the two differ.
-- claimed_minutes = quantity x standard minutes of the catalogue version in force on the day the
-- report was submitted (on its activity date while it is a draft): the minutes the employee was
-- shown. standard_minutes are those of the version valid on the activity date, the one R3 credits.
-- credited_minutes are not recomputed: an APPROVED report's are its minutes in
-- int_activity_reports_linked (catalogue version of the activity date x quantity, 0 on a TK day,
-- the daily cap given to the day's reports in submission order), every other report's are 0. So
-- per employee-day they add up to int_activity_days_capped.credited_minutes, and per
-- employee-month to the credited minutes int_employee_months_scored scores.
-- credit_note is null when credited = claimed; otherwise the first reason that applies, in the
-- order R3 applies them: DIHAPUS (deleted), DRAF, MENUNGGU_VERIFIKASI (submitted, not reviewed),
-- DITOLAK (rejected), HARI_TK (dated on a TK day), MELEBIHI_BATAS_HARIAN (lost minutes to the
-- 660-minute daily cap), VERSI_KATALOG (the version of the activity date differs from the one
-- the claim used). review_days are calendar days from the submission date to the review date.
-- unit_id is the unit of the employee's assignment for the period (R4), as fct_employee_monthly.
with reports as (
    select r.*, false as is_deleted
    from {{ ref('stg_app__activity_reports') }} r
    where {{ eperf.in_partition_window('r.activity_date', 'date') }}
    union all
    select d.*, true as is_deleted
    from {{ ref('stg_app__activity_reports_deleted') }} d
    where {{ eperf.in_partition_window('d.activity_date', 'date') }}
),

versions as (
    select * from {{ ref('stg_app__activity_catalog_versions') }}
),

credited as (
    select report_id, claimed_while_absent, credited_minutes_uncapped, credited_minutes
    from {{ ref('int_activity_reports_linked') }}
    where {{ eperf.in_partition_window('activity_date', 'date') }}
),

measured as (
    select
        r.report_id,
        r.nip,
        r.activity_date,
        {{ eperf.period_of('r.activity_date') }} as period,
        r.activity_code,
        v.activity_name,
        cast(r.quantity as decimal(10, 2)) as quantity,
        v.output_unit,
        cast(v.standard_minutes as integer) as standard_minutes,
        v.valid_from as catalog_valid_from,
        v.rkakl_output_code,
        r.status,
        r.is_deleted,
        r.description,
        r.reviewed_by,
        r.submitted_at,
        r.reviewed_at,
        cast(coalesce(s.standard_minutes * r.quantity, 0) as decimal(18, 2)) as claimed_minutes,
        cast(coalesce(v.standard_minutes * r.quantity, 0) as decimal(18, 2)) as eligible_minutes,
        -- a deleted report is never in the scoring; a key match could only be a reused id
        cast(
            case when r.is_deleted then 0 else coalesce(c.credited_minutes, 0) end
            as decimal(18, 2)
        ) as credited_minutes,
        coalesce(c.claimed_while_absent, false) as claimed_while_absent,
        coalesce(c.credited_minutes < c.credited_minutes_uncapped, false) as lost_to_daily_cap,
        {{ eperf.review_days('r.submitted_at', 'r.reviewed_at') }} as review_days
    from reports r
    left join versions v
        on v.activity_code = r.activity_code
        and r.activity_date between v.valid_from and v.valid_to
    left join versions s
        on s.activity_code = r.activity_code
        and coalesce(cast(r.submitted_at as date), r.activity_date)
        between s.valid_from and s.valid_to
    left join credited c on c.report_id = r.report_id
)

select
    m.report_id,
    m.nip,
    m.activity_date,
    m.period,
    a.unit_id,
    m.activity_code,
    m.activity_name,
    m.quantity,
    m.output_unit,
    m.standard_minutes,
    m.catalog_valid_from,
    m.claimed_minutes,
    m.eligible_minutes,
    m.credited_minutes,
    m.status,
    m.is_deleted,
    m.claimed_while_absent,
    case
        when m.credited_minutes = m.claimed_minutes then null
        when m.is_deleted then 'DIHAPUS'
        when m.status = 'DRAFT' then 'DRAF'
        when m.status = 'SUBMITTED' then 'MENUNGGU_VERIFIKASI'
        when m.status = 'REJECTED' then 'DITOLAK'
        when m.claimed_while_absent then 'HARI_TK'
        when m.lost_to_daily_cap then 'MELEBIHI_BATAS_HARIAN'
        else 'VERSI_KATALOG'
    end as credit_note,
    m.rkakl_output_code,
    m.reviewed_by,
    m.submitted_at,
    m.reviewed_at,
    m.review_days,
    m.description
from measured m
left join {{ ref('int_employee_months_assigned') }} a
    on a.nip = m.nip and a.period = m.period
