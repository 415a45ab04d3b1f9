{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per activity report, soft-deleted ones included (R3): claimed and credited
-- minutes and why they differ. Computed in int_activity_reports_attributed (ephemeral, compiled
-- in here) from the scoring's own credited minutes: this table is the one written copy of the
-- reports, one Parquet file per period when published.
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
where {{ eperf.in_partition_window('period') }}
