{#- Rules are data (RULES.md preamble): every policy seed holds the rows of several rule sets, each
    row valid from effective_from to effective_to (open when null). A model reads a seed only
    through these macros, so "the rows of the rule set in force on a date" is written once:
      policy_rows(seed)               the rule set's rows, as a subquery to alias;
      in_force(alias, date)           the join/where predicate keeping the rows valid on `date`,
                                      so a rule change applies from its effective date only;
      policy_parameter(name, date)    one policy_parameters value in force on `date`, as a scalar;
      join_parameter(alias, name, date)  the same value as a joined row, for a model that needs
                                      the row's effective_from or joins per row anyway.
    The seeds are referenced inside the macros; dbt records the dependency and unit tests can still
    mock the seed as an input. -#}

{% macro policy_rows(seed) -%}
    (select * from {{ ref(seed) }} where rule_set = '{{ var('rule_set') }}')
{%- endmacro %}

{% macro in_force(alias, on_date) -%}
    {{ on_date }} between {{ alias }}.effective_from and coalesce({{ alias }}.effective_to, date '9999-12-31')
{%- endmacro %}

{#- A scalar subquery: at most one row of a parameter is in force on a date (eperf.single_value
    fails the query otherwise, on both engines). -#}
{% macro policy_parameter(name, on_date, type='integer') -%}
    (select {{ eperf.single_value('cast(pp.value as ' ~ type ~ ')') }} from {{ ref('policy_parameters') }} pp
     where pp.rule_set = '{{ var("rule_set") }}' and pp.parameter = '{{ name }}'
       and {{ eperf.in_force('pp', on_date) }})
{%- endmacro %}

{% macro join_parameter(alias, name, on_date, kind='left') -%}
    {{ kind }} join {{ eperf.policy_rows('policy_parameters') }} {{ alias }}
        on {{ alias }}.parameter = '{{ name }}' and {{ eperf.in_force(alias, on_date) }}
{%- endmacro %}

{#- Join clause for the PermenPAN-RB 6/2022 predicate matrix row (alias `pm`) of the ratings of
    alias `r`, in force on `on_date` (R3; the annual predicate of R8 uses the same matrix). -#}
{% macro predicate_matrix_join(on_date) -%}
    left join {{ eperf.policy_rows('policy_predicate_matrix') }} pm
        on pm.work_result_rating = r.work_result_rating
        and pm.behaviour_rating = r.behaviour_rating
        and {{ eperf.in_force('pm', on_date) }}
{%- endmacro %}
