{#- Every row satisfies a boolean SQL expression (rows that fail it are returned). -#}
{% test expression_is_true(model, expression) %}
select * from {{ model }} where not coalesce(({{ expression }}), false)
{% endtest %}
