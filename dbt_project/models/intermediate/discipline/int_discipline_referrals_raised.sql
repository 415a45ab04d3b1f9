{{ config(**eperf.partitioned_config('period', 'period_onwards')) }}
-- Grain: one row per employee per period in which the employee crosses into a new discipline band
-- or completes a run of consecutive TK workdays (R7: counted, totalled, sent to the staffing
-- bureau). evidence lists the TK dates and the dates with late arrival or early leave of the year
-- so far. A partition run rebuilds its window's periods and every later one, as
-- int_discipline_months_accumulated does.
with crossings as (
    select
        nip, period, year, discipline_days_ytd, tk_days_ytd, late_early_minutes_ytd,
        recommended_sanction, 'BAND' as trigger, last_workday
    from {{ ref('int_discipline_months_accumulated') }}
    where band_rank is not null and band_rank > coalesce(previous_band_rank, 0)
        and {{ eperf.in_partition_window('period', 'period_onwards') }}
),

dismissal_runs as (
    select
        r.nip,
        a.period,
        a.year,
        a.discipline_days_ytd,
        a.tk_days_ytd,
        a.late_early_minutes_ytd,
        'PEMBERHENTIAN' as recommended_sanction,
        'TK_BERTURUT' as trigger,
        a.last_workday,
        row_number() over (partition by r.nip, r.first_tk_date order by a.period) as first_period
    from {{ ref('int_tk_runs_consecutive') }} r
    inner join {{ ref('int_discipline_months_accumulated') }} a
        on a.nip = r.nip and a.last_workday >= r.last_tk_date
    {{ eperf.join_parameter('p', 'consecutive_tk_days_dismissal', 'r.last_tk_date', 'inner') }}
    where r.tk_days_in_run >= p.value
),

referrals as (
    select nip, period, year, discipline_days_ytd, tk_days_ytd, late_early_minutes_ytd,
        recommended_sanction, trigger, last_workday
    from crossings
    union all
    select nip, period, year, discipline_days_ytd, tk_days_ytd, late_early_minutes_ytd,
        recommended_sanction, trigger, last_workday
    from dismissal_runs
    where first_period = 1 and {{ eperf.in_partition_window('period', 'period_onwards') }}
),

evidence as (
    select
        r.nip,
        r.period,
        r.trigger,
        {{ dbt.listagg("cast(d.work_date as string)", "', '", "order by d.work_date") }} as evidence
    from referrals r
    inner join {{ ref('int_attendance_days_classified') }} d
        on d.nip = r.nip
        and d.work_date between cast(concat(cast(r.year as string), '-01-01') as date) and r.last_workday
        and (d.status = 'TK' or coalesce(d.late_minutes, 0) + coalesce(d.early_minutes, 0) > 0)
    group by r.nip, r.period, r.trigger
)

select
    r.nip,
    r.period,
    r.trigger,
    cast(r.discipline_days_ytd as integer) as discipline_days_ytd,
    cast(r.tk_days_ytd as integer) as tk_days_ytd,
    cast(r.late_early_minutes_ytd as integer) as late_early_minutes_ytd,
    r.recommended_sanction,
    e.evidence
from referrals r
left join evidence e on e.nip = r.nip and e.period = r.period and e.trigger = r.trigger
