{{ config(**eperf.partitioned_config('activity_date', 'day')) }}
-- Grain: one row per APPROVED, not deleted activity report (R3).
-- credited_minutes = standard minutes of the catalogue version valid on the activity date x
-- quantity. A report dated on a TK day is not credited and is flagged (claimed while absent).
with reports as (
    select * from {{ ref('stg_app__activity_reports') }} where status = 'APPROVED'
),

versions as (
    select * from {{ ref('stg_app__activity_catalog_versions') }}
),

tk_days as (
    -- only a TK day changes a report (a few percent of the days): the join builds on these
    select nip, work_date, status from {{ ref('int_attendance_days_classified') }}
    where status = 'TK' and {{ eperf.in_partition_window('work_date', 'date') }}
)

select
    r.report_id,
    r.nip,
    r.activity_date,
    {{ eperf.period_of('r.activity_date') }} as period,
    r.activity_code,
    r.quantity,
    v.standard_minutes,
    v.valid_from as catalog_valid_from,
    v.rkakl_output_code,
    v.standard_minutes is null as catalog_version_missing,
    coalesce(a.status = 'TK', false) as claimed_while_absent,
    cast(coalesce(v.standard_minutes * r.quantity, 0) as decimal(18, 2)) as eligible_minutes,
    cast(
        case when coalesce(a.status = 'TK', false) then 0
             else coalesce(v.standard_minutes * r.quantity, 0) end
        as decimal(18, 2)
    ) as credited_minutes_uncapped
from reports r
left join versions v
    on v.activity_code = r.activity_code
    and r.activity_date between v.valid_from and v.valid_to
left join tk_days a
    on a.nip = r.nip and a.work_date = r.activity_date
where {{ eperf.in_partition_window('r.activity_date', 'date') }}
