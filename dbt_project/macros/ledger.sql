{#- The ledger table `name` (written by `eperf close`, not by dbt), or none before the first close.
    Marts read it so that a closed period shows the pay that was frozen. -#}
{% macro ledger_relation(name) -%}
    {%- if execute -%}
        {{ return(adapter.get_relation(database=target.database, schema='ledger', identifier=name)) }}
    {%- else -%}
        {{ return(none) }}
    {%- endif -%}
{%- endmacro %}
