-- Grain: one row per entry of ledger.period_close_log: each CLOSE and REOPEN of a period, in
-- the order `eperf close` / `eperf reopen` wrote them (eperf/ledger.py). The log is written by
-- those commands, not by dbt, in the same transaction that freezes (or releases) the period's
-- pay in ledger.employee_monthly_paid; before the first close there is none, and no entries.
{%- set log = eperf.ledger_relation('period_close_log') %}
{%- if log %}
select
    period,
    action as log_action,
    logged_at
from {{ log }}
{%- else %}
select
    cast(null as string) as period,
    cast(null as string) as log_action,
    cast(null as timestamp) as logged_at
from (select 1 as one) no_log
where 1 = 0
{%- endif %}
