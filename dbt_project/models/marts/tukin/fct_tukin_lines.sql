{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per cause of a withheld rupiah per employee-month (R4): the explanation.
-- Open periods come from int_tukin_lines_rounded; a closed period shows the lines frozen with its
-- pay (ledger.tukin_lines_paid), so the explanation always matches what was paid. A partition run
-- rebuilds only its window's periods, as fct_employee_monthly. Lines frozen before a column was
-- added have it empty (by name: legal_basis came after the first closes).
{%- set paid = eperf.ledger_relation('tukin_lines_paid') %}
select l.* from {{ ref('int_tukin_lines_rounded') }} l
where {{ eperf.in_partition_window('l.period') }}
{%- if paid %}
    and l.period not in (select distinct period from {{ paid }})
union all by name
select * exclude (closed_at) from {{ paid }}
where {{ eperf.in_partition_window('period') }}
{%- endif %}
