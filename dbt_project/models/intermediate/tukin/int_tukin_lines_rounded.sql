{{ config(materialized='ephemeral') }}
-- Ephemeral: read only by fct_tukin_lines, the one written copy of the lines.
-- Grain: one row per cause of a withheld rupiah per employee-month: the explanation (R4).
-- Whole-rupiah amounts come from a running balance: starting from the exact potential, each line
-- withholds its exact amount, and a line's rupiah amount is the rounded balance before it minus
-- the rounded balance after it (the last balance is the published net). So the lines add up to
-- tukin_potential_idr - tukin_net_idr exactly, and each differs from its exact share by < 1.
with lines as (
    select
        l.*,
        row_number() over (
            partition by l.nip, l.period
            order by l.sort_group, l.work_date, l.sort_within, l.code
        ) as line_no,
        count(*) over (partition by l.nip, l.period) as n_lines
    from {{ ref('int_tukin_lines_exact') }} l
),

withheld as (
    select
        l.*,
        m.tukin_potential_exact,
        m.tukin_net_idr,
        sum(l.amount_exact) over (
            partition by l.nip, l.period order by l.line_no
            rows between unbounded preceding and current row
        ) as withheld_through_exact
    from lines l
    inner join {{ ref('int_employee_months_tukin') }} m on m.nip = l.nip and m.period = l.period
),

balances as (
    -- one running sum: the balance before a line is the balance after it plus its own amount
    -- (exact decimals, so this equals the sum over the preceding lines)
    select
        w.*,
        w.tukin_potential_exact - (w.withheld_through_exact - w.amount_exact) as balance_before_exact,
        w.tukin_potential_exact - w.withheld_through_exact as balance_after_exact
    from withheld w
),

rounded as (
    select
        b.*,
        {{ eperf.round_half_up('b.balance_before_exact') }} as balance_before_idr,
        case when b.line_no = b.n_lines then b.tukin_net_idr
             else {{ eperf.round_half_up('b.balance_after_exact') }} end as balance_after_idr
    from balances b
)

select
    nip,
    period,
    cast(line_no as integer) as line_no,
    cause,
    code,
    work_date,
    cast(pct as decimal(18, 6)) as pct,
    cast(balance_before_idr - balance_after_idr as bigint) as amount_idr,
    cast(balance_after_idr as bigint) as balance_after_idr,
    cast(amount_exact as decimal(38, 6)) as amount_exact,
    rule_ref,
    description_id,
    legal_basis
from rounded
where {{ eperf.in_partition_window('period') }}
