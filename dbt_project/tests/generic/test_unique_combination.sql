{#- No two rows share the same values of `columns` (a composite key). Written here because the
    dbt hub is unreachable at run time (no dbt_utils). -#}
{% test unique_combination(model, columns) %}
select {{ columns | join(', ') }}, count(*) as n_rows
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
