-- Grain: one row per employee per period with at least one assigned workday (R2-R4).
-- Open periods are computed from the sources (int_employee_months_computed); a period closed by
-- `eperf close` shows the rows frozen in ledger.employee_monthly_paid, never recomputed. Later
-- changes to a closed period's inputs surface as koreksi rows in fct_tukin_adjustments.
{%- set paid = eperf.ledger_relation('employee_monthly_paid') %}
select c.* from {{ ref('int_employee_months_computed') }} c
{%- if paid %}
where c.period not in (select distinct period from {{ paid }})
union all
select * exclude (closed_at) from {{ paid }}
{%- endif %}
