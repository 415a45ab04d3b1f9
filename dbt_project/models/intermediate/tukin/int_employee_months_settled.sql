{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per employee per period with at least one assigned workday (R2-R4).
-- Open periods are computed from the sources (int_employee_months_computed); a period closed by
-- `eperf close` shows the rows frozen in ledger.employee_monthly_paid, never recomputed. Later
-- changes to a closed period's inputs surface as koreksi rows in int_tukin_adjustments_placed.
-- Every later rule that needs an employee-month (R5 roll-up, R6 projection, R8, R9, R10, R11,
-- R12) reads this model, not the mart, so a closed period shows them the pay that was made.
-- A partition run rebuilds only its window's periods (a period reopened outside the window keeps
-- its frozen rows until a run of that period recomputes them; `eperf reopen` says so).
-- Rows frozen before a column was added have it empty: by name, and the quarantine marks of such a
-- row read as none (the close refused a marked month without --force).
{%- set paid = eperf.ledger_relation('employee_monthly_paid') %}
{%- if paid %}
select * replace (
    coalesce(has_quarantined_input, false) as has_quarantined_input,
    coalesce(quarantined_rows, 0) as quarantined_rows
) from (
{%- endif %}
select c.* from {{ ref('int_employee_months_computed') }} c
where {{ eperf.in_partition_window('c.period') }}
{%- if paid %}
    and c.period not in (select distinct period from {{ paid }})
union all by name
select * exclude (closed_at) from {{ paid }}
where {{ eperf.in_partition_window('period') }}
)
{%- endif %}
