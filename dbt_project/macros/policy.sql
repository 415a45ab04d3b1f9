{#- Rules are data (RULES.md preamble). Models read a policy seed as
    (select * from ref('policy_x') where rule_set = var('rule_set')) -- the ref stays in the model
    so dbt unit tests can use or mock the seed -- and keep the rows in force on a date with
    in_force(alias, date), so a rule change applies from its effective date only. -#}

{% macro in_force(alias, on_date) -%}
    {{ on_date }} between {{ alias }}.effective_from and coalesce({{ alias }}.effective_to, date '9999-12-31')
{%- endmacro %}

{#- Whether `value` lies in the band of alias `alias` (policy_development_axes, R12): min_pct and
    max_pct carry their own inclusivity; a null bound is open. -#}
{% macro development_band_holds(alias, value) -%}
    ({{ alias }}.min_pct is null or {{ value }} > {{ alias }}.min_pct or ({{ alias }}.min_inclusive and {{ value }} = {{ alias }}.min_pct))
    and ({{ alias }}.max_pct is null or {{ value }} < {{ alias }}.max_pct or ({{ alias }}.max_inclusive and {{ value }} = {{ alias }}.max_pct))
{%- endmacro %}
