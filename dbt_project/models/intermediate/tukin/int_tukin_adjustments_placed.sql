-- Grain: one row per employee per closed period whose pay, recomputed from today's sources,
-- differs from what was paid (net of corrections already paid): a koreksi placed in the first
-- open period after it. amount_idr = recomputed net - paid net - corrections paid.
-- depends_on: {{ ref('int_employee_months_computed') }}
{%- set paid = eperf.ledger_relation('employee_monthly_paid') %}
{%- set paid_adjustments = eperf.ledger_relation('adjustments_paid') %}
{%- if paid %}
with closed as (
    select distinct period from {{ paid }}
),

recomputed as (
    select c.nip, c.period, c.tukin_net_idr
    from {{ ref('int_employee_months_computed') }} c
    inner join closed using (period)
),

already as (
    {%- if paid_adjustments %}
    select nip, corrected_period, sum(amount_idr) as amount_idr
    from {{ paid_adjustments }} group by nip, corrected_period
    {%- else %}
    select cast(null as string) as nip, cast(null as string) as corrected_period,
        cast(0 as bigint) as amount_idr
    where false
    {%- endif %}
),

differences as (
    select
        coalesce(r.nip, p.nip) as nip,
        coalesce(r.period, p.period) as corrected_period,
        coalesce(p.tukin_net_idr, 0) as paid_net_idr,
        coalesce(r.tukin_net_idr, 0) as recomputed_net_idr,
        coalesce(r.tukin_net_idr, 0) - coalesce(p.tukin_net_idr, 0) - coalesce(a.amount_idr, 0)
            as amount_idr
    from recomputed r
    full outer join {{ paid }} p on p.nip = r.nip and p.period = r.period
    left join already a
        on a.nip = coalesce(r.nip, p.nip) and a.corrected_period = coalesce(r.period, p.period)
),

months as (
    -- candidate periods after a corrected period: the 24 months that follow it
    select d.*, {{ eperf.period_of(
        dbt.dateadd('month', 'k.k', "cast(concat(d.corrected_period, '-01') as date)")
    ) }} as candidate_period, k.k
    from differences d
    cross join ({% for k in range(1, 25) %}select {{ k }} as k{{ " union all " if not loop.last }}{% endfor %}) k
    where d.amount_idr <> 0
),

placed as (
    select *, row_number() over (partition by nip, corrected_period order by k) as first_open
    from months
    where candidate_period not in (select period from closed)
)

select
    nip,
    candidate_period as period,
    corrected_period,
    cast(paid_net_idr as bigint) as paid_net_idr,
    cast(recomputed_net_idr as bigint) as recomputed_net_idr,
    cast(amount_idr as bigint) as amount_idr,
    'KOREKSI' as cause,
    concat(
        'Koreksi tukin periode ', corrected_period, ': dihitung ulang dari data sumber yang berubah ',
        'setelah periode ditutup (dibayar ', cast(paid_net_idr as string), ', seharusnya ',
        cast(recomputed_net_idr as string), ').'
    ) as description_id
from placed
where first_open = 1
{%- else %}
select
    cast(null as string) as nip, cast(null as string) as period,
    cast(null as string) as corrected_period, cast(null as bigint) as paid_net_idr,
    cast(null as bigint) as recomputed_net_idr, cast(null as bigint) as amount_idr,
    cast(null as string) as cause, cast(null as string) as description_id
where false
{%- endif %}
