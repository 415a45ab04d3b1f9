{#- A numeric column lies between min_value and max_value (inclusive); nulls pass. -#}
{% test value_between(model, column_name, min_value, max_value) %}
select * from {{ model }}
where {{ column_name }} is not null
  and ({{ column_name }} < {{ min_value }} or {{ column_name }} > {{ max_value }})
{% endtest %}
