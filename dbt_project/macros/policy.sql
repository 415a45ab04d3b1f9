{#- Rules are data (RULES.md preamble). Models read a policy seed as
    (select * from ref('policy_x') where rule_set = var('rule_set')) -- the ref stays in the model
    so dbt unit tests can use or mock the seed -- and keep the rows in force on a date with
    in_force(alias, date), so a rule change applies from its effective date only. -#}

{% macro in_force(alias, on_date) -%}
    {{ on_date }} between {{ alias }}.effective_from and coalesce({{ alias }}.effective_to, date '9999-12-31')
{%- endmacro %}

{#- Join clause for the PERFORMANCE band (alias `alias`) of policy_development_axes (R12) whose
    range holds `value`, in force on `on_date`; min_pct and max_pct carry their own inclusivity and
    a null bound is open. The model defines the CTE `axes` (the rule set's rows of the seed). -#}
{% macro development_performance_join(alias, value, on_date) -%}
    left join axes {{ alias }}
        on {{ alias }}.axis = 'PERFORMANCE'
        and {{ eperf.in_force(alias, on_date) }}
        and ({{ alias }}.min_pct is null or {{ value }} > {{ alias }}.min_pct or ({{ alias }}.min_inclusive and {{ value }} = {{ alias }}.min_pct))
        and ({{ alias }}.max_pct is null or {{ value }} < {{ alias }}.max_pct or ({{ alias }}.max_inclusive and {{ value }} = {{ alias }}.max_pct))
{%- endmacro %}
