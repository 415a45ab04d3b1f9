{{ config(window_column='activity_date', window_kind='date') }}
-- A partition run tests the window's reports only (eperf.get_where_subquery): report_id is the
-- raw table's merge key, one row per report whatever its date, so a duplicate cannot reach the
-- window from outside it; a full build tests all 21 million a year.
-- Grain: one row per activity report that is not soft-deleted.
-- Source: e-Performance activity_report.
{{ eperf.activity_report_rows(deleted=false) }}
