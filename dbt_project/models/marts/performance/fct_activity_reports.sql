{{ config(
    post_hook="{{ eperf.report_units_refreshed(ref('int_employee_months_assigned')) }}",
    **eperf.partitioned_config('activity_date', 'day')
) }}
-- Grain: one row per activity report, soft-deleted ones included (R3): claimed and credited
-- minutes and why they differ. Computed in int_activity_reports_attributed (ephemeral, compiled
-- in here) from the scoring's own credited minutes: this table is the one written copy of the
-- reports, one Parquet file per period when published.
-- Partitioned by day: a report's row depends on its own day's inputs (the report, the
-- catalogue, the credited minutes of int_activity_reports_linked), except unit_id, the unit of
-- its employee's month assignment (R4), which a newly observed day can change. A run that
-- rebuilds some days brings the unit of the window's other reports up to date in the post-hook
-- (macros/activity_reports.sql).
select
    report_id,
    nip,
    activity_date,
    period,
    unit_id,
    activity_code,
    activity_name,
    quantity,
    output_unit,
    standard_minutes,
    catalog_valid_from,
    claimed_minutes,
    credited_minutes,
    status,
    is_deleted,
    credit_note,
    rkakl_output_code,
    reviewed_by,
    submitted_at,
    reviewed_at,
    review_days,
    description
from {{ ref('int_activity_reports_attributed') }}
where {{ eperf.in_partition_window('activity_date', 'day') }}
