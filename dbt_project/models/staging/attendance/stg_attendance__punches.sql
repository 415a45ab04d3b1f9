-- Grain: one row per accepted punch line. Source: attendance device export files.
-- punch_time is device-local; the in/out flag (punch_state) is unreliable and not used (R2).
select
    device_sn,
    pin as nip,
    punch_time as punch_time_device,
    verify_mode,
    _source_file as source_file,
    _row_number as source_row_number
from {{ source('attendance', 'punch') }}
