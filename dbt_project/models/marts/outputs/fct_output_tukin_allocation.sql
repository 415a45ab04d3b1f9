{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per employee-month (fct_employee_monthly) per RKAKL output the employee's credited
-- minutes went to, plus TANPA_OUTPUT for minutes on activities linked to no output (R11, cost of
-- performance). An employee-month with no credited minutes has one TANPA_OUTPUT line with the
-- whole net.
-- Each employee-month's tukin_net_idr (the paid amount for a closed period) is allocated in
-- proportion to credited minutes (after the daily cap, int_activity_reports_linked). Whole rupiah
-- by a running balance, as int_tukin_lines_rounded does: lines are ordered by output code with
-- TANPA_OUTPUT last; a line's amount is the rounded (half-up) cumulative exact allocation after it
-- minus the one before it, and the last cumulative is the net itself. So the lines add up to
-- tukin_net_idr exactly (singular test assert_output_allocation_adds_up_to_net) and each differs
-- from its exact share by less than one rupiah; TANPA_OUTPUT is the remainder.
with minutes as (
    select nip, period, coalesce(output_code, 'TANPA_OUTPUT') as output_code, sum(credited_minutes) as credited_minutes
    from {{ ref('int_activity_reports_linked') }}
    where credited_minutes > 0 and {{ eperf.in_partition_window('period') }}
    group by nip, period, coalesce(output_code, 'TANPA_OUTPUT')
),

lines as (
    select
        m.nip,
        m.period,
        m.unit_id,
        m.tukin_net_idr,
        coalesce(x.output_code, 'TANPA_OUTPUT') as output_code,
        cast(coalesce(x.credited_minutes, 0) as decimal(18, 2)) as credited_minutes
    from {{ ref('fct_employee_monthly') }} m
    left join minutes x on x.nip = m.nip and x.period = m.period
    where {{ eperf.in_partition_window('m.period') }}
),

ordered as (
    select
        l.*,
        row_number() over (
            partition by l.nip, l.period
            order by case when l.output_code = 'TANPA_OUTPUT' then 1 else 0 end, l.output_code
        ) as line_no,
        count(*) over (partition by l.nip, l.period) as n_lines,
        sum(l.credited_minutes) over (partition by l.nip, l.period) as total_minutes,
        sum(l.credited_minutes) over (
            partition by l.nip, l.period
            order by case when l.output_code = 'TANPA_OUTPUT' then 1 else 0 end, l.output_code
            rows between unbounded preceding and current row
        ) as cumulative_minutes
    from lines l
),

cumulated as (
    select
        o.*,
        case when o.total_minutes > 0 then
            {{ eperf.decimal_product('o.tukin_net_idr', eperf.decimal_ratio('o.credited_minutes', 'o.total_minutes')) }}
            else cast(o.tukin_net_idr as decimal(38, 16))
        end as allocated_exact,
        case
            when o.line_no = o.n_lines then o.tukin_net_idr
            else {{ eperf.round_half_up(eperf.decimal_product('o.tukin_net_idr', eperf.decimal_ratio('o.cumulative_minutes', 'o.total_minutes'))) }}
        end as cumulative_idr
    from ordered o
)

select
    c.nip,
    c.period,
    c.unit_id,
    cast(c.line_no as integer) as line_no,
    c.output_code,
    c.output_code = 'TANPA_OUTPUT' as is_no_output,
    c.credited_minutes,
    cast(c.total_minutes as decimal(18, 2)) as employee_credited_minutes,
    case when c.total_minutes > 0 then
        cast(round(100 * {{ eperf.decimal_ratio('c.credited_minutes', 'c.total_minutes') }}, 2) as decimal(9, 2))
    end as minutes_share_pct,
    cast(c.tukin_net_idr as bigint) as tukin_net_idr,
    cast(c.allocated_exact as decimal(38, 6)) as allocated_exact,
    cast(c.cumulative_idr - coalesce(lag(c.cumulative_idr) over (
        partition by c.nip, c.period order by c.line_no
    ), 0) as bigint) as allocated_tukin_idr
from cumulated c
