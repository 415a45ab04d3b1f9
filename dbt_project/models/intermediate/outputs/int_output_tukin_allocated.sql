{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per employee-month (int_employee_months_settled) per RKAKL output the employee's credited
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
-- The shares are decimal_ratio's 16-decimal fractions and the products decimal_product's, computed
-- in 64-bit integers (eperf.ratio_e16, eperf.e16_product_rounded: the same digits, tested in
-- tests/dbt/test_integer_ratio_macros.py) instead of 128-bit decimals, whose division DuckDB does
-- bit by bit.
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
    from {{ ref('int_employee_months_settled') }} m
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

hundredths as (
    -- minutes have two decimals, so in hundredths of a minute they are whole numbers
    select
        o.*,
        cast(o.tukin_net_idr as bigint) as net_idr,
        cast(o.credited_minutes * 100 as bigint) as credited_e2,
        cast(o.cumulative_minutes * 100 as bigint) as cumulative_e2,
        cast(o.total_minutes * 100 as bigint) as total_e2
    from ordered o
),

ratios as (
    -- the minutes' shares as 16-decimal fractions in whole numbers (eperf.ratio_e16: exactly
    -- decimal_ratio's digits, in 64-bit arithmetic)
    select
        h.*,
        case when h.total_e2 > 0 then {{ eperf.ratio_e16('h.credited_e2', 'h.total_e2') }} end
            as share_e16,
        case when h.total_e2 > 0 then {{ eperf.ratio_e16('h.cumulative_e2', 'h.total_e2') }} end
            as cumulative_share_e16
    from hundredths h
),

cumulated as (
    select
        r.*,
        -- net x share at 6 decimals, rounded half-up (as the cast of the exact product to 6 places)
        case when r.total_minutes > 0 then {{ eperf.e16_product_rounded('r.net_idr', 'r.share_e16', 6) }}
            else r.net_idr * 1000000
        end as allocated_e6,
        case
            when r.line_no = r.n_lines then r.net_idr
            else {{ eperf.e16_product_rounded('r.net_idr', 'r.cumulative_share_e16') }}
        end as cumulative_idr
    from ratios r
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
    -- 100 x share rounded half-up to 2 decimals: share_e16 / 10^12 rounded, in hundredths
    case when c.total_minutes > 0 then
        {{ eperf.scaled_to_decimal(eperf.int_div('c.share_e16 + 500000000000', '1000000000000'), 2, 9) }}
    end as minutes_share_pct,
    c.net_idr as tukin_net_idr,
    {{ eperf.scaled_to_decimal('c.allocated_e6', 6) }} as allocated_exact,
    cast(c.cumulative_idr - coalesce(lag(c.cumulative_idr) over (
        partition by c.nip, c.period order by c.line_no
    ), 0) as bigint) as allocated_tukin_idr
from cumulated c
