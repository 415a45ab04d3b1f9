{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per flagged employee-day per rule and one per flagged device-month (R10). The
-- rule is computed in int_integrity_flags_raised; this is its published projection.
select
    flag_code,
    subject_kind,
    nip,
    device_sn,
    unit_id,
    flag_date,
    period,
    metric_value,
    threshold_value,
    metric_unit,
    details,
    evidence,
    rule_ref,
    rule_set
from {{ ref('int_integrity_flags_raised') }}
where {{ eperf.in_partition_window('period') }}
