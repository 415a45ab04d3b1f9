-- Reference baseline for `eperf bench`: the core computation -- daily attendance codes
-- (R2) and monthly tukin (R3-R4) for every employee -- as ONE hand-written DuckDB query over the
-- ingested raw tables, with the kemensos-2024 numbers inlined. It skips what the pipeline adds
-- around the core (time zones, leave factors, sanctions, catalogue versions, explanations, tests,
-- contracts), so the pipeline's transform time divided by this query's time measures overhead.
with days as (
    select cast(d as date) as work_date
    from generate_series(
        (select cast(date_trunc('month', min(punch_time)) as timestamp) from raw.attendance__punch),
        (select cast(max(punch_time) as timestamp) from raw.attendance__punch),
        interval 1 day) t(d)
    where isodow(d) <= 5
      and cast(d as date) not in (select holiday_date from raw.reference__public_holiday)
),
assigned as (
    select a.nip, d.work_date, a.job_class
    from raw.simpeg__position_assignment a
    join days d on d.work_date between a.start_date and coalesce(a.end_date, date '9999-12-31')
),
punch_days as (
    select pin as nip, cast(punch_time as date) as work_date,
        date_trunc('minute', min(punch_time)) as first_in,
        date_trunc('minute', max(punch_time)) as last_out,
        count(*) as n
    from raw.attendance__punch group by 1, 2
),
daily as (
    select a.nip, a.work_date, a.job_class, strftime(a.work_date, '%Y-%m') as period,
        case when exists (select 1 from raw.app__leave_request l where l.nip = a.nip
                          and l.status = 'APPROVED' and a.work_date between l.start_date and l.end_date)
             then 'CUTI' when p.nip is null then 'TK' else 'HADIR' end as status,
        greatest(0, (epoch(p.first_in) - epoch(a.work_date + time '07:30')) / 60) as late,
        greatest(0, (epoch(a.work_date + case when isodow(a.work_date) = 5 then time '16:30' else time '16:00' end)
                     - epoch(p.last_out)) / 60) as early
    from assigned a left join punch_days p on p.nip = a.nip and p.work_date = a.work_date
),
coded as (
    select *,
        case when status <> 'HADIR' then 0 when late = 0 then 0 when late <= 30 then 0.5
             when late <= 60 then 1.0 when late <= 90 then 1.25 else 1.5 end
        + case when status <> 'HADIR' then 0 when early = 0 then 0 when early <= 30 then 0.5
             when early <= 60 then 1.0 when early <= 90 then 1.25 else 1.5 end
        + case when status = 'TK' then 5 else 0 end as pct
    from daily
),
credited as (
    select r.nip, strftime(r.activity_date, '%Y-%m') as period,
        sum(least(r.minutes, 660)) as credited
    from (select nip, activity_date, sum(c.standard_minutes * r.quantity) as minutes
          from raw.app__activity_report r
          join raw.app__activity_catalog c on c.activity_code = r.activity_code
            and r.activity_date between c.valid_from and coalesce(c.valid_to, date '9999-12-31')
          where r.status = 'APPROVED' and not r.deleted group by 1, 2) r
    group by 1, 2
),
monthly as (
    select c.nip, c.period, max(c.job_class) as job_class, count(*) as days,
        least(100, sum(c.pct)) as deduction,
        300 * sum(case when c.status <> 'CUTI' then 1 else 0 end) as target
    from coded c group by 1, 2
)
select m.nip, m.period, m.deduction, cr.credited, m.target,
    round(t.amount * greatest(0, 0.6 * least(1, coalesce(cr.credited, 0) / nullif(m.target, 0)) + 0.4
          - m.deduction / 100)) as tukin_net
from monthly m
left join credited cr on cr.nip = m.nip and cr.period = m.period
left join (select * from (values (17, 33240000), (16, 27577500), (15, 19280000), (14, 17064000),
    (13, 10936000), (12, 9896000), (11, 8757600), (10, 5979200), (9, 5079200), (8, 4595150),
    (7, 3915950), (6, 3510400), (5, 3134250), (4, 2985000), (3, 2898000), (2, 2708250),
    (1, 2531250)) v(job_class, amount)) t on t.job_class = m.job_class
