-- Grain: one row per attendance device. Source: e-Performance attendance_device.
select
    device_sn,
    unit_id,
    location,
    updated_at
from {{ source('app', 'attendance_device') }}
