{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per employee-month per RKAKL output its credited minutes went to, plus
-- TANPA_OUTPUT (R11). The rule is computed in int_output_tukin_allocated; this is its published
-- projection.
select
    nip,
    period,
    unit_id,
    line_no,
    output_code,
    is_no_output,
    credited_minutes,
    employee_credited_minutes,
    minutes_share_pct,
    tukin_net_idr,
    allocated_exact,
    allocated_tukin_idr
from {{ ref('int_output_tukin_allocated') }}
where {{ eperf.in_partition_window('period') }}
