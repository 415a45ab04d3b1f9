-- Grain: one row per public holiday or cuti bersama date. Source: the holidays package (R1).
select
    holiday_date,
    holiday_name
from {{ source('reference', 'public_holiday') }}
