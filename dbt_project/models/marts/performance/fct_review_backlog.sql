{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per reviewer (supervisor) per period with submitted activity reports (R3): the
-- backlog and review timing. Computed in int_reviewer_periods_measured; this is its published
-- projection, one Parquet file per period.
select
    reviewer_nip,
    period,
    unit_id,
    reports_submitted,
    reports_pending,
    oldest_pending_days,
    median_review_days,
    review_target_days,
    reviewed_within_target_pct
from {{ ref('int_reviewer_periods_measured') }}
where {{ eperf.in_partition_window('period') }}
