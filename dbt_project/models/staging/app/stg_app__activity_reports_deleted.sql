-- Grain: one row per soft-deleted activity report (the rows stg_app__activity_reports leaves out).
-- Source: e-Performance activity_report. A deleted report credits nothing (R3); it is kept so the
-- activity-report mart can list it with its reason (DIHAPUS).
select
    report_id,
    nip,
    activity_date,
    activity_code,
    quantity,
    start_time,
    end_time,
    description,
    evidence_ref,
    upper(status) as status,
    submitted_at,
    reviewed_by,
    reviewed_at,
    updated_at
from {{ source('app', 'activity_report') }}
where coalesce(deleted, false)
