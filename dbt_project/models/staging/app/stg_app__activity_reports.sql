-- Grain: one row per activity report that is not soft-deleted.
-- Source: e-Performance activity_report.
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
where not coalesce(deleted, false)
