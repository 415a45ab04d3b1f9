{#- SQL that differs between engines, dispatched per adapter (DuckDB now; Spark in issue 9). -#}

{#- A local timestamp in zone `from_tz` expressed as local time of zone `to_tz` (IANA names). -#}
{% macro convert_local_time(ts, from_tz, to_tz) -%}
    {{ return(adapter.dispatch('convert_local_time', 'eperf')(ts, from_tz, to_tz)) }}
{%- endmacro %}
{% macro default__convert_local_time(ts, from_tz, to_tz) -%}
    case when {{ from_tz }} = {{ to_tz }} then {{ ts }}
         else timezone({{ to_tz }}, timezone({{ from_tz }}, {{ ts }})) end
{%- endmacro %}

{#- Seconds from timestamp a to timestamp b (b - a), as a number. -#}
{% macro seconds_between(a, b) -%}
    {{ return(adapter.dispatch('seconds_between', 'eperf')(a, b)) }}
{%- endmacro %}
{% macro default__seconds_between(a, b) -%}
    (epoch({{ b }}) - epoch({{ a }}))
{%- endmacro %}

{#- Whole minutes from a to b (b - a); callers pass times already truncated to the minute (R2). -#}
{% macro minutes_between(a, b) -%}
    cast({{ eperf.seconds_between(a, b) }} / 60 as integer)
{%- endmacro %}

{#- A timestamp truncated to the minute (R2: punch times are truncated, never rounded). -#}
{% macro truncate_to_minute(ts) -%}
    {{ dbt.date_trunc('minute', ts) }}
{%- endmacro %}

{#- Round half away from zero to whole units (money is whole rupiah, half-up; amounts are >= 0). -#}
{% macro round_half_up(x) -%}
    cast(round(cast({{ x }} as decimal(38, 16)), 0) as bigint)
{%- endmacro %}

{#- numerator / denominator as an exact decimal with 16 places, rounded half-up (non-negative
    inputs with at most 4 decimals). Engines divide decimals in floating point (DuckDB returns a
    DOUBLE), which would make 5399.40 / 6000 come out as 0.8998999...; this divides scaled
    integers instead, so every factor that reaches a rupiah amount is exact. Null when the
    denominator is 0. -#}
{% macro decimal_ratio(numerator, denominator) -%}
    {{ return(adapter.dispatch('decimal_ratio', 'eperf')(numerator, denominator)) }}
{%- endmacro %}
{% macro default__decimal_ratio(numerator, denominator) -%}
    (cast(
        (cast(round({{ numerator }} * 10000, 0) as hugeint) * cast('20000000000000000' as hugeint)
            + cast(round({{ denominator }} * 10000, 0) as hugeint))
        // nullif(2 * cast(round({{ denominator }} * 10000, 0) as hugeint), 0)
    as decimal(38, 0)) * cast(0.0000000000000001 as decimal(38, 16)))
{%- endmacro %}

{#- The dates from start_date to end_date inclusive, as a set-returning expression for a select
    list (one output row per date); the caller casts it to date. -#}
{% macro explode_dates(start_date, end_date) -%}
    {{ return(adapter.dispatch('explode_dates', 'eperf')(start_date, end_date)) }}
{%- endmacro %}
{% macro default__explode_dates(start_date, end_date) -%}
    unnest(generate_series(cast({{ start_date }} as timestamp), cast({{ end_date }} as timestamp), interval 1 day))
{%- endmacro %}

{#- The period 'YYYY-MM' of a date. -#}
{% macro period_of(d) -%}
    {{ return(adapter.dispatch('period_of', 'eperf')(d)) }}
{%- endmacro %}
{% macro default__period_of(d) -%}
    strftime({{ d }}, '%Y-%m')
{%- endmacro %}

{#- ISO weekday of a date: 1 Monday ... 7 Sunday. -#}
{% macro iso_weekday(d) -%}
    {{ return(adapter.dispatch('iso_weekday', 'eperf')(d)) }}
{%- endmacro %}
{% macro default__iso_weekday(d) -%}
    isodow({{ d }})
{%- endmacro %}

{#- A timestamp from a date and a time of day. -#}
{% macro at_time(d, t) -%}
    {{ return(adapter.dispatch('at_time', 'eperf')(d, t)) }}
{%- endmacro %}
{% macro default__at_time(d, t) -%}
    (cast({{ d }} as date) + cast({{ t }} as time))
{%- endmacro %}

{#- The product of two decimal amounts/factors kept at 16 decimal places. The left operand is
    narrowed to 12 places first so the product's scale (28) leaves 10 integer digits: enough for
    any monthly amount in rupiah, and far below a rupiah of error. -#}
{% macro decimal_product(a, b) -%}
    cast(cast({{ a }} as decimal(38, 12)) * cast({{ b }} as decimal(38, 16)) as decimal(38, 16))
{%- endmacro %}

{#- The median of a numeric expression, as an aggregate (ANSI ordered-set aggregate; an engine
    without it overrides this, e.g. percentile(x, 0.5) on Spark). -#}
{% macro median(x) -%}
    {{ return(adapter.dispatch('median', 'eperf')(x)) }}
{%- endmacro %}
{% macro default__median(x) -%}
    percentile_cont(0.5) within group (order by {{ x }})
{%- endmacro %}

{#- The time of day of a timestamp as text, 'HH:MM:SS' (or 'HH:MM'), for evidence and explanations. -#}
{% macro time_of_day_text(ts, with_seconds=true) -%}
    {{ return(adapter.dispatch('time_of_day_text', 'eperf')(ts, with_seconds)) }}
{%- endmacro %}
{% macro default__time_of_day_text(ts, with_seconds) -%}
    strftime({{ ts }}, '{{ "%H:%M:%S" if with_seconds else "%H:%M" }}')
{%- endmacro %}

{#- ---- Partition window (issue 8) ------------------------------------------------------------
    A Dagster partition run passes `--vars '{period_from: YYYY-MM, period_to: YYYY-MM}'`; with both
    absent every period is built. Models configured with `eperf.partitioned_config(column, kind)`
    are then incremental: the strategy `window_replace` deletes the window's rows and inserts them
    recomputed, so a partition run gives exactly what a full build gives for those months. The
    filter and the dates are plain SQL literals (no engine functions); an engine whose tables
    cannot delete rows overrides `window_replace_sql` (e.g. insert overwrite by partition). -#}

{#- The window {from, to, first_day, end_day (exclusive)} from the vars, or none for a full build. -#}
{% macro partition_window() -%}
    {%- set p_from = var('period_from', none) -%}
    {%- set p_to = var('period_to', none) -%}
    {%- if p_from is none and p_to is none -%}{{ return(none) }}{%- endif -%}
    {%- if p_from is none or p_to is none -%}
        {{ exceptions.raise_compiler_error("Set both period_from and period_to (YYYY-MM), or neither.") }}
    {%- endif -%}
    {%- set p_from, p_to = p_from | string, p_to | string -%}
    {%- for p in [p_from, p_to] -%}
        {%- if not modules.re.match('^[0-9]{4}-(0[1-9]|1[0-2])$', p) -%}
            {{ exceptions.raise_compiler_error("Period '" ~ p ~ "' is not YYYY-MM.") }}
        {%- endif -%}
    {%- endfor -%}
    {%- if p_from > p_to -%}
        {{ exceptions.raise_compiler_error("period_from " ~ p_from ~ " is after period_to " ~ p_to ~ ".") }}
    {%- endif -%}
    {%- set year, month = p_to[:4] | int, p_to[5:] | int -%}
    {%- set end_day = '%04d-%02d-01' | format(year + (month // 12), month % 12 + 1) -%}
    {{ return({'from': p_from, 'to': p_to, 'first_day': p_from ~ '-01', 'end_day': end_day}) }}
{%- endmacro %}

{#- Config of a model rebuilt per partition window: incremental on `column` ('period' text
    YYYY-MM, or a 'date'), fully rebuilt when no window is set. -#}
{% macro partitioned_config(column, kind='period') -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'window_replace',
        'window_column': column,
        'window_kind': kind,
        'on_schema_change': 'fail',
        'full_refresh': (true if eperf.partition_window() is none else none),
    }) }}
{%- endmacro %}

{#- Predicate keeping the rows of the partition window; `1 = 1` when no window applies. -#}
{% macro window_predicate(column, kind='period') -%}
    {%- set w = eperf.partition_window() -%}
    {%- if w is none -%}1 = 1
    {%- elif kind == 'period' -%}{{ column }} between '{{ w.from }}' and '{{ w.to }}'
    {%- else -%}{{ column }} >= cast('{{ w.first_day }}' as date) and {{ column }} < cast('{{ w.end_day }}' as date)
    {%- endif -%}
{%- endmacro %}

{#- The filter a partitioned model puts on its rows: the window on an incremental run, else all
    (without a window is_incremental() is not even asked: unit tests have no relation). -#}
{% macro in_partition_window(column, kind='period') -%}
    {%- if eperf.partition_window() is not none and is_incremental() -%}
        {{ eperf.window_predicate(column, kind) }}
    {%- else -%}1 = 1{%- endif -%}
{%- endmacro %}

{#- Incremental strategy `window_replace`: replace the window's rows of the target. -#}
{% macro get_incremental_window_replace_sql(arg_dict) -%}
    {{ return(adapter.dispatch('window_replace_sql', 'eperf')(arg_dict)) }}
{%- endmacro %}
{% macro default__window_replace_sql(arg_dict) -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    delete from {{ arg_dict['target_relation'] }}
    where {{ eperf.window_predicate(config.get('window_column'), config.get('window_kind', 'period')) }};
    insert into {{ arg_dict['target_relation'] }} ({{ columns }})
    select {{ columns }} from {{ arg_dict['temp_relation'] }}
{%- endmacro %}
