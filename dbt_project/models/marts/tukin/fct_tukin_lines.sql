-- Grain: one row per cause of a withheld rupiah per employee-month (R4): the explanation.
-- Open periods come from int_tukin_lines_rounded; a closed period shows the lines frozen with its
-- pay (ledger.tukin_lines_paid), so the explanation always matches what was paid.
{%- set paid = eperf.ledger_relation('tukin_lines_paid') %}
select l.* from {{ ref('int_tukin_lines_rounded') }} l
{%- if paid %}
where l.period not in (select distinct period from {{ paid }})
union all
select * exclude (closed_at) from {{ paid }}
{%- endif %}
