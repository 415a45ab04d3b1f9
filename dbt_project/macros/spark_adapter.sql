{#- Spark only: checks and raw-table registration run before every build
    (on-run-start in dbt_project.yml). Both render nothing on DuckDB, where ingestion writes the
    raw tables into the warehouse itself. -#}

{#- Fail fast when the Spark session would compute pay differently from DuckDB:
    * spark.sql.decimalOperations.allowPrecisionLoss must be false, or Spark cuts the scale of a
      wide decimal product to 6 places (DuckDB keeps it; the tukin factors carry 16);
    * spark.sql.session.timeZone must be UTC, because raw timestamps are naive local wall-clock
      times (ingestion/parquet_landing.py) and must not shift when read. -#}
{% macro spark_session_checks() -%}
    {{ return(adapter.dispatch('spark_session_checks', 'eperf')()) }}
{%- endmacro %}
{% macro default__spark_session_checks() -%}{%- endmacro %}
{% macro spark__spark_session_checks() -%}
    {%- if execute -%}
        {%- set required = {
            'spark.sql.decimalOperations.allowPrecisionLoss': 'false',
            'spark.sql.session.timeZone': 'UTC',
            'spark.sql.parquet.inferTimestampNTZ.enabled': 'false'} -%}
        {%- for key, expected in required.items() -%}
            {%- set actual = run_query('set ' ~ key).columns[1].values()[0] -%}
            {%- if actual | string | lower != expected | lower -%}
                {{ exceptions.raise_compiler_error(
                    'Spark session setting ' ~ key ~ ' is ' ~ actual ~ ', must be ' ~ expected
                    ~ ' (see dbt_project/profiles.yml and README "Running on a distributed engine").') }}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}

{#- The raw source tables as external Parquet tables: every table of every source in
    models/staging/_raw__sources.yml becomes <schema>.<identifier> over the folder
    <EPERF_SPARK_RAW_URI>/<identifier> written by `eperf land-parquet` (a local folder, or an object
    storage prefix such as s3a://bucket/eperf/raw on a cluster). Re-registered on every build, so a
    re-landed folder is read afresh; dropping an external table never deletes its files. Set
    EPERF_SPARK_RAW_URI to an empty value when the catalog already holds the raw tables. -#}
{% macro register_raw_sources() -%}
    {{ return(adapter.dispatch('register_raw_sources', 'eperf')()) }}
{%- endmacro %}
{% macro default__register_raw_sources() -%}{%- endmacro %}
{% macro spark__register_raw_sources() -%}
    {%- set raw_uri = env_var('EPERF_SPARK_RAW_URI', env_var('EPERF_DATA_DIR', '../data') ~ '/spark/raw') -%}
    {%- if execute and raw_uri -%}
        {%- set schemas = [] -%}
        {%- for source in graph.sources.values() -%}
            {%- if source.schema not in schemas -%}
                {%- do schemas.append(source.schema) -%}
                {%- do run_query('create database if not exists ' ~ source.schema) -%}
            {%- endif -%}
            {%- set relation = source.schema ~ '.' ~ source.identifier -%}
            {%- do run_query('drop table if exists ' ~ relation) -%}
            {%- do run_query('create table ' ~ relation ~ " using parquet location '"
                ~ raw_uri.rstrip('/') ~ '/' ~ source.identifier ~ "'") -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}

{#- Seed rows as SQL literals. dbt-spark's loader formats its bindings into the statement with
    Python %-formatting under the session method, so a quote inside a value (the legal-basis texts)
    breaks the statement and an empty cell becomes the text 'None'. Every policy seed column has
    a column type (dbt_project.yml), so agate hands over text or None: None becomes null, other
    values a quoted Spark literal. -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
            ({%- for col_name in agate_table.column_names -%}
                {%- set type = column_override.get(col_name, adapter.convert_type(agate_table, loop.index0)) -%}
                {%- set value = row[loop.index0] -%}
                {%- if value is none -%}
                    cast(null as {{ type }})
                {%- else -%}
                    cast('{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") }}' as {{ type }})
                {%- endif -%}
                {{- ", " if not loop.last -}}
            {%- endfor -%}){{ "," if not loop.last }}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}{%- do statements.append(sql) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{% endmacro %}
