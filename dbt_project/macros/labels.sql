{#- Helpers of the code labels (models/intermediate/labels, tests/generic/test_codes_known.sql). -#}

{#- Text with its first letter in upper case: the policy seeds keep their labels lower case, as
    they read inside a sentence ("terlambat masuk 1-30 menit"); a label stands alone. -#}
{% macro capitalised(text) -%}
    (upper(substr({{ text }}, 1, 1)) || substr({{ text }}, 2))
{%- endmacro %}

{#- The items of a list held as text ('A,B') as the select-list item `alias`, one output row
    per item (untrimmed: Spark cannot wrap its generator in a function). -#}
{% macro split_to_rows(text, separator, alias) -%}
    {{ return(adapter.dispatch('split_to_rows', 'eperf')(text, separator, alias)) }}
{%- endmacro %}
{% macro default__split_to_rows(text, separator, alias) -%}
    unnest(string_split({{ text }}, '{{ separator }}')) as {{ alias }}
{%- endmacro %}
{#- Spark's split takes a regular expression: the separator is quoted as a literal. -#}
{% macro spark__split_to_rows(text, separator, alias) -%}
    explode(split({{ text }}, '\\Q{{ separator }}\\E')) as {{ alias }}
{%- endmacro %}
