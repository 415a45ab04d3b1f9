{#- Within each key (rule_set plus the key columns), no two rows may be in force on the same day:
    [effective_from, effective_to] ranges must not overlap, or a rule would be ambiguous on a date. -#}
{% test no_overlapping_validity(model, key_columns) %}
select a.*
from {{ model }} a
inner join {{ model }} b
    on {% for c in key_columns %}a.{{ c }} is not distinct from b.{{ c }} and {% endfor %}
       a.effective_from < b.effective_from
    and coalesce(a.effective_to, date '9999-12-31') >= b.effective_from
{% endtest %}
