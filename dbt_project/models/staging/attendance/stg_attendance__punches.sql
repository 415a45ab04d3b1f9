{{ config(window_column='punch_time_device', window_kind='timestamp') }}
-- A partition run tests the window's punches only (eperf.get_where_subquery): the key holds the
-- punch time, so two punches sharing it fall in the same window.
-- Grain: one row per accepted punch. Source: attendance device exports (CSV and ZKTeco logs).
-- punch_time is device-local; the in/out flag (punch_state) is unreliable and not used (R2).
-- The employee is the one ingestion resolved the machine's PIN to (device enrolment, else the
-- PIN as a NIP); device_pin is the id as the machine wrote it.
select
    device_sn,
    nip,
    pin as device_pin,
    punch_time as punch_time_device,
    verify_mode,
    _source_file as source_file,
    _row_number as source_row_number
from {{ source('attendance', 'punch') }}
