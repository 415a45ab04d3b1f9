{#- None of `columns` holds a null. One test and one scan of the model for all of its mandatory
    columns: dbt's own not_null is a test per column, and each test is a node to run, a query
    and an asset check with its stored events in every run. Each column with nulls is one
    failing row, with the number of rows it is null in. -#}
{% test not_null_columns(model, columns) %}
with null_counts as (
    select
    {%- for column in columns %}
        sum(case when {{ column }} is null then 1 else 0 end) as nulls_{{ loop.index }}{{ ',' if not loop.last }}
    {%- endfor %}
    from {{ model }}
)
{%- for column in columns %}
select '{{ column }}' as column_name, nulls_{{ loop.index }} as null_rows
from null_counts
where nulls_{{ loop.index }} > 0
{%- if not loop.last %}
union all
{%- endif %}
{%- endfor %}
{% endtest %}
