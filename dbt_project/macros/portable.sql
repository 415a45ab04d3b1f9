{#- SQL that differs between engines, dispatched per adapter: default__ is the DuckDB SQL, spark__
    the Apache Spark 3.5 SQL (`dbt build --target spark`). Types both engines spell the
    same way are written directly (`string` is DuckDB's alias of VARCHAR; Spark needs a length for
    varchar). The Spark versions assume the session settings checked by spark_session_checks
    (macros/spark_adapter.sql): exact decimals (allowPrecisionLoss=false) and a UTC session. -#}

{#- A local timestamp in zone `from_tz` expressed as local time of zone `to_tz` (IANA names). -#}
{% macro convert_local_time(ts, from_tz, to_tz) -%}
    {{ return(adapter.dispatch('convert_local_time', 'eperf')(ts, from_tz, to_tz)) }}
{%- endmacro %}
{% macro default__convert_local_time(ts, from_tz, to_tz) -%}
    case when {{ from_tz }} = {{ to_tz }} then {{ ts }}
         else timezone({{ to_tz }}, timezone({{ from_tz }}, {{ ts }})) end
{%- endmacro %}
{% macro spark__convert_local_time(ts, from_tz, to_tz) -%}
    case when {{ from_tz }} = {{ to_tz }} then {{ ts }}
         else from_utc_timestamp(to_utc_timestamp({{ ts }}, {{ from_tz }}), {{ to_tz }}) end
{%- endmacro %}

{#- Seconds from timestamp a to timestamp b (b - a), as a number. -#}
{% macro seconds_between(a, b) -%}
    {{ return(adapter.dispatch('seconds_between', 'eperf')(a, b)) }}
{%- endmacro %}
{% macro default__seconds_between(a, b) -%}
    (epoch({{ b }}) - epoch({{ a }}))
{%- endmacro %}
{% macro spark__seconds_between(a, b) -%}
    (cast(unix_micros({{ b }}) - unix_micros({{ a }}) as double) / 1000000)
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
{#- Spark has no 128-bit integer and its `div` returns a 64-bit one, so the same half-up quotient
    is computed in two parts that each fit: the integer part q = N div D and the 16 decimals of the
    remainder r = N - q x D, i.e. floor((r x 2e16 + D) / 2D) < 1e16. The sum is exact at 16 places
    (decimal(38, 16)) for any quotient below 1e18. -#}
{% macro spark__decimal_ratio(numerator, denominator) -%}
    {%- set n -%}cast(round({{ numerator }} * 10000, 0) as decimal(38, 0)){%- endset -%}
    {%- set d -%}nullif(cast(round({{ denominator }} * 10000, 0) as decimal(38, 0)), 0){%- endset -%}
    {%- set q -%}cast({{ n }} div {{ d }} as decimal(38, 0)){%- endset -%}
    (cast({{ q }} as decimal(38, 16))
        + cast(((({{ n }} - {{ q }} * {{ d }}) * cast('20000000000000000' as decimal(38, 0)) + {{ d }})
                div (2 * {{ d }})) as decimal(38, 0))
          * cast(0.0000000000000001 as decimal(38, 16)))
{%- endmacro %}

{#- The dates from start_date to end_date inclusive as the select-list item `alias` (a date), one
    output row per date. The whole item is dispatched because Spark cannot nest its generator in a
    cast. -#}
{% macro explode_dates(start_date, end_date, alias) -%}
    {{ return(adapter.dispatch('explode_dates', 'eperf')(start_date, end_date, alias)) }}
{%- endmacro %}
{% macro default__explode_dates(start_date, end_date, alias) -%}
    cast(unnest(generate_series(cast({{ start_date }} as timestamp), cast({{ end_date }} as timestamp), interval 1 day)) as date) as {{ alias }}
{%- endmacro %}
{% macro spark__explode_dates(start_date, end_date, alias) -%}
    explode(sequence(cast({{ start_date }} as date), cast({{ end_date }} as date), interval 1 day)) as {{ alias }}
{%- endmacro %}

{#- The period 'YYYY-MM' of a date. -#}
{% macro period_of(d) -%}
    {{ return(adapter.dispatch('period_of', 'eperf')(d)) }}
{%- endmacro %}
{% macro default__period_of(d) -%}
    strftime({{ d }}, '%Y-%m')
{%- endmacro %}
{% macro spark__period_of(d) -%}
    date_format({{ d }}, 'yyyy-MM')
{%- endmacro %}

{#- ISO weekday of a date: 1 Monday ... 7 Sunday. -#}
{% macro iso_weekday(d) -%}
    {{ return(adapter.dispatch('iso_weekday', 'eperf')(d)) }}
{%- endmacro %}
{% macro default__iso_weekday(d) -%}
    isodow({{ d }})
{%- endmacro %}
{% macro spark__iso_weekday(d) -%}
    cast(weekday({{ d }}) + 1 as bigint)
{%- endmacro %}

{#- A timestamp from a date and a time of day. -#}
{% macro at_time(d, t) -%}
    {{ return(adapter.dispatch('at_time', 'eperf')(d, t)) }}
{%- endmacro %}
{% macro default__at_time(d, t) -%}
    (cast({{ d }} as date) + cast({{ t }} as time))
{%- endmacro %}
{#- Spark has no time-of-day type: times are 'HH:MM:SS' text (seeds and raw Parquet). -#}
{% macro spark__at_time(d, t) -%}
    to_timestamp(concat(cast(cast({{ d }} as date) as string), ' ', {{ t }}))
{%- endmacro %}

{#- ---- Exact ratios in 64-bit integers -------------------------------------------------------
    decimal_ratio and decimal_product work in 128-bit integers, whose division DuckDB does bit by
    bit (about 1 us a row for the ratio, 2.5 us for the product and its cast back to 16 places):
    28 s of a ministry-year's output allocation for 2.8 million lines. Where the operands are
    whole numbers of bounded size (scaled minutes, whole rupiah) the same numbers come out of
    64-bit integer arithmetic, split into 10^8 limbs so that no intermediate passes 2^63. -#}

{#- Integer division of non-negative integers (the quotient rounded down). -#}
{% macro int_div(a, b) -%}
    {{ return(adapter.dispatch('int_div', 'eperf')(a, b)) }}
{%- endmacro %}
{% macro default__int_div(a, b) -%}
    (({{ a }}) // ({{ b }}))
{%- endmacro %}
{% macro spark__int_div(a, b) -%}
    (({{ a }}) div ({{ b }}))
{%- endmacro %}

{#- n / d x 10^16 rounded half-up, as a BIGINT: the 16 decimals of decimal_ratio(n, d) as a whole
    number, for whole numbers 0 <= n, 0 < d < 4.6 x 10^10 and a quotient below 922. The integer
    part is n div d; the 16 decimals of the remainder r are taken 8 at a time
    (r x 10^8 div d, then the rounded 8 below it), so no product passes 2 x 10^18. -#}
{% macro ratio_e16(n, d) -%}
    {%- set r -%}(({{ n }}) % ({{ d }})){%- endset -%}
    {%- set r8 -%}({{ r }} * 100000000){%- endset -%}
    ({{ eperf.int_div(n, d) }} * 10000000000000000
        + {{ eperf.int_div(r8, d) }} * 100000000
        + {{ eperf.int_div('2 * ((' ~ r8 ~ ') % (' ~ d ~ ')) * 100000000 + (' ~ d ~ ')', '2 * (' ~ d ~ ')') }})
{%- endmacro %}

{#- x x r / 10^16 rounded half-up to `places` decimals (0 to 8), as a BIGINT scaled by
    10^places: the exact product of a whole amount x (0 <= x < 5 x 10^10, e.g. rupiah) and a ratio
    r = ratio_e16(...) <= 10^16, rounded as round_half_up (places 0) or as a cast to
    decimal(38, places) rounds it. r is split at 10^8: x x r = (a div 10^8) x 10^16
    + (a mod 10^8) x 10^8 + b with a = x x (r div 10^8) and b = x x (r mod 10^8). -#}
{% macro e16_product_rounded(x, r, places=0) -%}
    {%- set a -%}(({{ x }}) * {{ eperf.int_div(r, '100000000') }}){%- endset -%}
    {%- set b -%}(({{ x }}) * (({{ r }}) % 100000000)){%- endset -%}
    {%- set unit = 10 ** (16 - places) -%}
    ({{ eperf.int_div(a, '100000000') }} * {{ 10 ** places }}
        + {{ eperf.int_div('(' ~ a ~ ' % 100000000) * 100000000 + ' ~ b ~ ' + ' ~ (unit // 2), unit) }})
{%- endmacro %}

{#- A whole number scaled by 10^places as decimal(precision, places), exactly. -#}
{% macro scaled_to_decimal(v, places, precision=38) -%}
    cast(cast({{ v }} as decimal(38, 0)) * cast({{ '1' if places == 0 else '0.' ~ '0' * (places - 1) ~ '1' }} as decimal({{ places + 1 }}, {{ places }})) as decimal({{ precision }}, {{ places }}))
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

{#- ---- Partition window ------------------------------------------------------------
    A Dagster partition run sets the environment variables EPERF_PERIOD_FROM / EPERF_PERIOD_TO
    (YYYY-MM; `--vars '{period_from: ..., period_to: ...}'` does the same from the command line);
    with both absent every period is built. The environment is preferred because dbt re-parses
    only the files that read a changed environment variable, whereas changed vars make it
    re-parse the whole project (9 s of a daily run). Models configured with
    `eperf.partitioned_config(column, kind)` are then incremental: the strategy `window_replace` deletes the window's rows and inserts them
    recomputed, so a partition run gives exactly what a full build gives for those months. The
    filter and the dates are plain SQL literals (no engine functions); an engine whose tables
    cannot delete rows overrides `window_replace_sql` (e.g. insert overwrite by partition).
    A model whose rows of a date depend only on the inputs of that date (and a margin of days the
    model itself reads around it) is partitioned by kind 'day': when EPERF_DAYS names the days
    whose inputs changed (eperf/build_inputs.py), it replaces only those days' rows, and every
    date window it reads, its own and its ephemeral steps', narrows to them. Every other model
    still replaces the window's months. -#}

{#- The window {from, to, first_day, end_day (exclusive)} from the vars or the environment, or none
    for a full build. -#}
{% macro partition_window() -%}
    {%- set p_from = var('period_from', env_var('EPERF_PERIOD_FROM', '') or none) -%}
    {%- set p_to = var('period_to', env_var('EPERF_PERIOD_TO', '') or none) -%}
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

{#- The days of window `w` that a day-scoped model rebuilds, from EPERF_DAYS: 'FIRST..LAST' (ISO
    dates inside the window) gives {first, end (exclusive)}; 'none' (no day's inputs changed)
    gives {first: none}; unset, none: every day of the window. Read only when SQL is compiled,
    never while dbt parses: the days change with every run, and a variable read at parse would
    make dbt parse again every model reading it. -#}
{% macro window_days(w) -%}
    {%- set spec = env_var('EPERF_DAYS', '') if execute else '' -%}
    {%- if not spec -%}{{ return(none) }}{%- endif -%}
    {%- if spec == 'none' -%}{{ return({'first': none, 'end': none}) }}{%- endif -%}
    {%- set found = modules.re.match('^([0-9]{4}-[0-9]{2}-[0-9]{2})[.][.]([0-9]{4}-[0-9]{2}-[0-9]{2})$', spec) -%}
    {%- if not found -%}
        {{ exceptions.raise_compiler_error("EPERF_DAYS '" ~ spec ~ "' is not FIRST..LAST (YYYY-MM-DD) or none.") }}
    {%- endif -%}
    {%- set first = modules.datetime.date.fromisoformat(found.group(1)) -%}
    {%- set last = modules.datetime.date.fromisoformat(found.group(2)) -%}
    {%- if first > last or first.isoformat() < w.first_day or last.isoformat() >= w.end_day -%}
        {{ exceptions.raise_compiler_error("EPERF_DAYS " ~ spec ~ " is not a range of days inside " ~ w.from ~ " to " ~ w.to ~ ".") }}
    {%- endif -%}
    {{ return({'first': first.isoformat(), 'end': (last + modules.datetime.timedelta(days=1)).isoformat()}) }}
{%- endmacro %}

{#- Config of a model rebuilt per partition window: incremental on `column` ('period' text
    YYYY-MM, a 'date', or a 'day': a date whose rows depend on that date's inputs alone), fully
    rebuilt when no window is set. -#}
{% macro partitioned_config(column, kind='period') -%}
    {{ return(adapter.dispatch('partitioned_config', 'eperf')(column, kind)) }}
{%- endmacro %}
{% macro default__partitioned_config(column, kind) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'window_replace',
        'window_column': column,
        'window_kind': kind,
        'on_schema_change': 'fail',
        'full_refresh': (true if eperf.partition_window() is none else none),
    }) }}
{%- endmacro %}

{#- dbt-spark's incremental materialization accepts only its own strategies (not window_replace)
    and Parquet tables cannot delete rows, so on Spark these models are plain tables rebuilt in
    full; a partition window is refused rather than silently ignored. -#}
{% macro spark__partitioned_config(column, kind) -%}
    {%- if eperf.partition_window() is not none -%}
        {{ exceptions.raise_compiler_error("Partition windows (period_from/period_to) are built on DuckDB only; on Spark build every period (no vars).") }}
    {%- endif -%}
    {{ return({'materialized': 'table'}) }}
{%- endmacro %}

{#- Predicate keeping the rows of the partition window; `1 = 1` when no window applies.
    Kinds: 'period' (text YYYY-MM within the window), 'date' (a date within it), 'timestamp' (a
    timestamp whose date is within it: the same rows as 'date' on `cast(column as date)`, but a
    bound on the column itself, which DuckDB applies in the table scan and its zone maps; over
    the cast it read every punch of the year and applied the window after a DISTINCT) and
    'period_onwards' (YYYY-MM from the window's first period on: the kind of a year-to-date or
    rolling model, whose later periods depend on the window's) and 'day' (a date, narrowed to the
    days of EPERF_DAYS when set).
    `margin_days` widens a date window by that many days on each side (a superset filter on a
    date that the window's own date may differ from, e.g. a device's date against local time).
    `narrow` narrows a 'date' or 'timestamp' window to the days of EPERF_DAYS, as 'day' does. -#}
{% macro window_predicate(column, kind='period', margin_days=0, narrow=false) -%}
    {%- set w = eperf.partition_window() -%}
    {%- set days = eperf.window_days(w) if w is not none and (narrow or kind == 'day') else none -%}
    {%- if w is none -%}1 = 1
    {%- elif kind == 'period' -%}{{ column }} between '{{ w.from }}' and '{{ w.to }}'
    {%- elif kind == 'period_onwards' -%}{{ column }} >= '{{ w.from }}'
    {%- elif days is not none and days.first is none -%}1 = 0
    {%- else -%}
        {%- set margin = modules.datetime.timedelta(days=margin_days) -%}
        {%- set first = modules.datetime.date.fromisoformat(days.first if days else w.first_day) - margin -%}
        {%- set end = modules.datetime.date.fromisoformat(days.end if days else w.end_day) + margin -%}
        {%- set type = 'timestamp' if kind == 'timestamp' else 'date' -%}
        {{ column }} >= cast('{{ first.isoformat() }}' as {{ type }}) and {{ column }} < cast('{{ end.isoformat() }}' as {{ type }})
    {%- endif -%}
{%- endmacro %}

{#- The filter a partitioned model puts on its rows: the window on an incremental run, else all
    (without a window is_incremental() is not even asked: unit tests have no relation). -#}
{% macro in_partition_window(column, kind='period', margin_days=0) -%}
    {%- set w = eperf.partition_window() -%}
    {%- if w is not none and eperf.window_applies() -%}
        {%- set narrow = eperf.window_days(w) is not none and eperf.day_scoped() -%}
        {{ eperf.window_predicate(column, kind, margin_days, narrow=narrow) }}
    {%- else -%}1 = 1{%- endif -%}
{%- endmacro %}

{#- Whether the model being compiled rebuilds by day (partitioned by kind 'day'): then each date
    window it reads narrows to the changed days. An ephemeral model does when every model reading
    it does (it is compiled into each of them). -#}
{% macro day_scoped(node_id=none) -%}
    {%- if not execute -%}{{ return(false) }}{%- endif -%}
    {%- set node = graph.nodes[node_id] if node_id else model -%}
    {%- if node.config.materialized != 'ephemeral' -%}
        {{ return(node.config.get('window_kind') == 'day') }}
    {%- endif -%}
    {%- set readers = [] -%}
    {%- for reader in graph.nodes.values() -%}
        {%- if reader.resource_type == 'model' and node.unique_id in reader.depends_on.nodes -%}
            {%- do readers.append(reader.unique_id) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for reader in readers -%}
        {%- if not eperf.day_scoped(reader) -%}{{ return(false) }}{%- endif -%}
    {%- endfor -%}
    {{ return(readers | length > 0) }}
{%- endmacro %}

{#- Whether this run rebuilds only the window's rows of the model being compiled: dbt's
    is_incremental() for a table. An ephemeral model is compiled into the models that read it,
    and is_incremental() is always false there (it has no table of its own), so it asks its
    readers: the window applies when each of them is an existing incremental table (an ephemeral
    reader asks its own readers); else an ephemeral step would read the whole history in every
    partition run (for a month's activity reports, the year's 21.6 million rows). -#}
{% macro window_applies(node_id=none) -%}
    {%- if node_id is none and model.config.materialized != 'ephemeral' -%}
        {{ return(is_incremental()) }}
    {%- endif -%}
    {%- if not execute or flags.FULL_REFRESH -%}{{ return(false) }}{%- endif -%}
    {%- set node_id = node_id or model.unique_id -%}
    {%- set readers = [] -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node_id in node.depends_on.nodes -%}
            {%- do readers.append(node) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not readers -%}{{ return(false) }}{%- endif -%}
    {%- for reader in readers -%}
        {%- if reader.config.materialized == 'ephemeral' -%}
            {%- if not eperf.window_applies(reader.unique_id) -%}{{ return(false) }}{%- endif -%}
        {%- elif reader.config.materialized != 'incremental'
            or adapter.get_relation(reader.database, reader.schema, reader.alias) is none -%}
            {{ return(false) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(true) }}
{%- endmacro %}

{#- The filter on the input of a year-to-date model in a partition run: the periods (YYYY-MM)
    from January of the window's first year on, which its window's periods add up; else all. -#}
{% macro in_partition_window_years(column) -%}
    {%- set w = eperf.partition_window() -%}
    {%- if w is not none and eperf.window_applies() -%}{{ column }} >= '{{ w.from[:4] }}-01'
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
    select {{ columns }} from {{ arg_dict['temp_relation'] }};
    {#- dbt-duckdb leaves a temporary relation to the end of the connection; a partition run's
        twenty window tables held together did not fit the 4 GB memory limit. -#}
    drop table if exists {{ arg_dict['temp_relation'] }}
{%- endmacro %}

{#- The data tests of a partition run test the rows it rebuilt: a generic test on a partitioned
    model reads only the window's rows of it (dbt's own `where` config still applies on top);
    rows outside the window were tested when they were built. A full build tests every row.
    A view over the whole history names its own `window_column` (and `window_kind`) in its
    config when its key keeps a duplicate inside one window: its tests then read the window too
    (the year's reports and punches, 7 s and 4 s a test at 40,000 employees).
    (Overrides dbt's get_where_subquery, which every generic test calls on its model.) -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- set window_where = eperf.partitioned_relation_predicate(relation) -%}
    {%- set predicates = [where, window_where] | select | list -%}
    {%- if predicates -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ predicates | join(' and ') }}) dbt_subquery
        {%- endset -%}
        {{ return(filtered) }}
    {%- else -%}
        {{ return(relation) }}
    {%- endif -%}
{%- endmacro %}

{#- The window predicate of the partitioned model (or windowed view) stored in `relation`, or ''
    when no window is set or the relation has no window column (a seed, a source, a table
    rebuilt in full). -#}
{% macro partitioned_relation_predicate(relation) -%}
    {%- if not execute or eperf.partition_window() is none or relation.identifier is not defined -%}
        {{ return('') }}
    {%- endif -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.config.get('window_column')
                and (node.alias or node.name) == relation.identifier and node.schema == relation.schema -%}
            {{ return(eperf.window_predicate(node.config.window_column, node.config.get('window_kind', 'period'))) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return('') }}
{%- endmacro %}

{% macro spark__time_of_day_text(ts, with_seconds) -%}
    date_format({{ ts }}, '{{ "HH:mm:ss" if with_seconds else "HH:mm" }}')
{%- endmacro %}


{#- A number rounded to `places` decimals as text with a decimal point and no trailing zeros:
    1.2500 -> '1.25', 5.0 -> '5' (explain.sql's angka_id turns the point into a comma). -#}
{% macro number_text(x, places=2) -%}
    {{ return(adapter.dispatch('number_text', 'eperf')(x, places)) }}
{%- endmacro %}
{% macro default__number_text(x, places) -%}
    regexp_replace(cast(cast(round({{ x }}, {{ places }}) as double) as string), '\.0$', '')
{%- endmacro %}
{#- Spark prints a double of 1e7 or more in scientific notation, so the rounded value is printed
    as a decimal and its trailing zeros are stripped. -#}
{% macro spark__number_text(x, places) -%}
    {%- if places > 0 -%}
    regexp_replace(regexp_replace(cast(cast(round({{ x }}, {{ places }}) as decimal(38, {{ places }})) as string), '0+$', ''), '\\.$', '')
    {%- else -%}
    cast(cast(round({{ x }}, 0) as decimal(38, 0)) as string)
    {%- endif -%}
{%- endmacro %}

{#- The single value of a correlated scalar subquery: `(select {{ single_value('x') }} from ...
    where ...)`. DuckDB takes the subquery as is and fails when it returns more than one row; Spark
    accepts only aggregated correlated subqueries, so it aggregates and fails the same way. -#}
{% macro single_value(x) -%}
    {{ return(adapter.dispatch('single_value', 'eperf')(x)) }}
{%- endmacro %}
{% macro default__single_value(x) -%}
    {{ x }}
{%- endmacro %}
{% macro spark__single_value(x) -%}
    case when count(*) > 1 then raise_error('more than one row returned by a subquery used as an expression')
         else max({{ x }}) end
{%- endmacro %}

{#- A date plus a whole number of days, months or years (`interval` may be a column). Null in,
    null out: dbt-spark's dateadd fails on a null date, and e.g. exit_date or rank_since is often
    null. DuckDB keeps dbt's dateadd (a timestamp); Spark returns a date. -#}
{% macro add_to_date(datepart, interval, d) -%}
    {{ return(adapter.dispatch('add_to_date', 'eperf')(datepart, interval, d)) }}
{%- endmacro %}
{% macro default__add_to_date(datepart, interval, d) -%}
    {{ dbt.dateadd(datepart, interval, d) }}
{%- endmacro %}
{% macro spark__add_to_date(datepart, interval, d) -%}
    {%- if datepart == 'day' -%}
    date_add(cast({{ d }} as date), cast({{ interval }} as int))
    {%- elif datepart in ('month', 'year') -%}
    add_months(cast({{ d }} as date), cast({{ interval }} as int){{ ' * 12' if datepart == 'year' }})
    {%- else -%}
    {{ exceptions.raise_compiler_error('add_to_date: unsupported datepart ' ~ datepart) }}
    {%- endif -%}
{%- endmacro %}

{#- dbt-spark's listagg ignores its order-by clause (with a warning), but evidence lists and
    explanations must come out in order. This override sorts (order keys..., measure) structs and
    keeps the measures; keys sort ascending with nulls first, as every caller's keys are non-null
    and ascending. -#}
{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if order_by_clause -%}
        {%- set keys = modules.re.sub('^\\s*order\\s+by\\s+', '', order_by_clause, flags=modules.re.I).split(',') -%}
        {%- for key in keys -%}
            {%- if modules.re.search('\\s(desc|asc|nulls)\\b', key, flags=modules.re.I) -%}
                {{ exceptions.raise_compiler_error('spark__listagg: only plain ascending keys are supported: ' ~ key) }}
            {%- endif -%}
        {%- endfor -%}
        {%- set collected -%}
            transform(array_sort(collect_list(named_struct({% for key in keys %}'k{{ loop.index }}', {{ key.strip() }}, {% endfor %}'v', {{ measure }}))), e -> e.v)
        {%- endset -%}
    {%- else -%}
        {%- set collected -%}collect_list({{ measure }}){%- endset -%}
    {%- endif -%}
    {%- if limit_num -%}
        {%- set collected -%}slice({{ collected }}, 1, {{ limit_num }}){%- endset -%}
    {%- endif -%}
    {{ return('array_join(' ~ collected ~ ', ' ~ delimiter_text ~ ')') }}
{%- endmacro %}
