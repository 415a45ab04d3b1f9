-- Check-ins of the scope in a period by ISO weekday and time of day, in buckets of
-- $bucket_minutes; nothing when the scope's employees who checked in are a small group.
with days as (
    select
        a.nip,
        isodow(a.work_date) as iso_weekday,
        hour(a.check_in_local) * 60 + minute(a.check_in_local) as check_in_minute
    from fct_attendance_daily as a
    where a.period = $period
        and a.check_in_local is not null
        and a.unit_id in (select unit_id from scope_units)
)

select
    iso_weekday,
    (check_in_minute // $bucket_minutes) * $bucket_minutes as minute_of_day,
    count(*)::bigint as check_ins
from days
where not suppressed((select count(distinct nip) from days))
group by iso_weekday, minute_of_day
order by iso_weekday, minute_of_day
