{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per org unit per period per scope (DIRECT / SUBTREE) (R5). The rule is
-- computed in int_unit_months_rolled_up; this is its published projection.
select
    unit_id,
    period,
    scope,
    headcount,
    employee_months,
    fte,
    workdays,
    hadir_days,
    tk_days,
    leave_days,
    tl_count,
    psw_count,
    capaian_pct_sum,
    capaian_pct_n,
    avg_capaian_pct,
    credited_minutes,
    n_sangat_baik,
    n_baik,
    n_butuh_perbaikan,
    n_kurang,
    n_sangat_kurang,
    tukin_potential_idr,
    tukin_net_idr,
    realisation_pct
from {{ ref('int_unit_months_rolled_up') }}
where {{ eperf.in_partition_window('period') }}
