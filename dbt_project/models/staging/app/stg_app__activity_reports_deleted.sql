{{ config(window_column='activity_date', window_kind='date') }}
-- A partition run tests the window's reports only, as stg_app__activity_reports.
-- Grain: one row per soft-deleted activity report (the rows stg_app__activity_reports leaves out).
-- Source: e-Performance activity_report. A deleted report credits nothing (R3); it is kept so the
-- activity-report mart can list it with its reason (DIHAPUS).
{{ eperf.activity_report_rows(deleted=true) }}
