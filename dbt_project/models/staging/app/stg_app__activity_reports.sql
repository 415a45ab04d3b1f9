-- Grain: one row per activity report that is not soft-deleted.
-- Source: e-Performance activity_report.
{{ eperf.activity_report_rows(deleted=false) }}
