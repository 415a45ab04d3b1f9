{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per employee per period that a row still in quarantine may have changed: the
-- list to clear before a month is closed and paid (`eperf close` names them).
select
    q.nip,
    q.period,
    x.unit_id,
    q.quarantined_rows,
    q.reasons
from {{ ref('int_employee_months_quarantined') }} q
inner join {{ ref('int_employee_months_assigned') }} x on x.nip = q.nip and x.period = q.period
where {{ eperf.in_partition_window('q.period') }}
