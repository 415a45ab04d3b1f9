{#- Every code a model holds is one it may hold, and has words for the pages. One test and one
    scan per column for all of a model's code columns: dbt's accepted_values and a label check
    per column were two tests each, and each test is a node to run, a query and an asset check
    with its stored events in every run.

    columns maps a column to what its codes must be:
    - values: the accepted codes (a closed list, as dbt's accepted_values);
    - code_kind: the kind, or a list of kinds any of which may label the code, in dim_code_label
      (the code of a tukin line is an attendance, leave or sanction code, or a line's own). A
      label row with is_family labels every code '<code>_<suffix>' (PREDIKAT_TAHUN_2024);
    - separator: the column holds a list of codes ('A,B'), each checked.
    Nulls pass. Each failing code is one row: its column, the code and what is wrong with it. -#}
{% test codes_known(model, columns) %}
{%- set labelled = [] %}
{%- for spec in columns.values() if 'code_kind' in spec %}{% do labelled.append(spec) %}{% endfor %}
with
{%- for column, spec in columns.items() %}
codes_{{ loop.index }} as (
    {%- if 'separator' in spec %}
    select distinct trim(code) as code
    from (
        select {{ eperf.split_to_rows(column, spec['separator'], 'code') }}
        from {{ model }}
        where {{ column }} is not null
    ) listed
    {%- else %}
    select distinct {{ column }} as code
    from {{ model }}
    where {{ column }} is not null
    {%- endif %}
){{ ',' if labelled or not loop.last }}
{%- endfor %}
{%- if labelled %}
labels as (
    select code, code_kind, is_family
    from {{ ref('dim_code_label') }}
)
{%- endif %}
{%- set checks = [] %}
{%- for column, spec in columns.items() %}
{%- if 'values' in spec %}
{%- set accepted = [] %}
{%- for value in spec['values'] %}{% do accepted.append("'" ~ (value | string | replace("'", "''")) ~ "'") %}{% endfor %}
{%- do checks.append(
    "select '" ~ column ~ "' as column_name, code, 'not an accepted value' as problem from codes_"
    ~ loop.index ~ " where code not in (" ~ accepted | join(', ') ~ ")"
) %}
{%- endif %}
{%- if 'code_kind' in spec %}
{%- set kinds = [spec['code_kind']] if spec['code_kind'] is string else spec['code_kind'] %}
{%- do checks.append(
    "select '" ~ column ~ "' as column_name, c.code, 'no label' as problem from codes_"
    ~ loop.index ~ " c where not exists (select 1 from labels l where l.code_kind in ('"
    ~ kinds | join("', '") ~ "') and (l.code = c.code or (l.is_family and "
    ~ "substr(c.code, 1, length(l.code) + 1) = l.code || '_')))"
) %}
{%- endif %}
{%- endfor %}
{{ checks | join('\nunion all\n') }}
{% endtest %}
