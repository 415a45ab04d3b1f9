{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per flagged employee-day per rule, and one per flagged device-month (dated on the
-- period's last day) (R10, "ASN yang mencurangi waktu kerja"). Flags are leads for a supervisor to
-- review, not verdicts. flag_code:
--   AKTIVITAS_SAAT_TK         approved activity dated on a TK day: claimed while absent, not credited (R3)
--   MELEBIHI_BATAS_HARIAN     credited minutes of the day above the daily cap (660, R3); the excess
--                             is not credited
--   MELEBIHI_WAKTU_KEHADIRAN  approved activity minutes of a workday (standard minutes x quantity)
--                             above the minutes from check-in to check-out, when both exist (R2)
--   AKTIVITAS_TUMPANG_TINDIH  approved reports of the day whose time windows overlap by at least
--                             activity_overlap_min_minutes (int_activity_windows_overlapping)
--   TITIP_ABSEN               a punch within buddy_punch_window_seconds of another NIP's on the same
--                             device, with a partner met so on at least buddy_punch_min_days days of
--                             the month (int_punch_pairs_coincident); both NIPs are flagged
--   JAM_MESIN_MENYIMPANG      a device-month whose median first punch lies more than
--                             clock_drift_max_hours from the schedule start (int_device_months_measured)
-- metric_value is what was measured and threshold_value the limit it passed, in metric_unit.
-- The credited reports are read by each step with its own filter, not as one CTE: DuckDB
-- materialises a CTE read more than once, every column of a year's 19 million reports.
with report_days as (
    select nip, activity_date, period, sum(eligible_minutes) as eligible_minutes
    from {{ ref('int_activity_reports_credited') }}
    where {{ eperf.in_partition_window('activity_date', 'date') }}
    group by nip, activity_date, period
),

capped_days as (
    select * from {{ ref('int_activity_days_capped') }}
    where capped_excess_minutes > 0 and {{ eperf.in_partition_window('activity_date', 'date') }}
),

presence as (
    select
        nip,
        work_date,
        check_in_local,
        check_out_local,
        {{ eperf.minutes_between('check_in_local', 'check_out_local') }} as presence_minutes
    from {{ ref('int_attendance_days_classified') }}
    where check_in_local is not null and check_out_local is not null
        and {{ eperf.in_partition_window('work_date', 'date') }}
),

over_presence_days as (
    select r.*, p.presence_minutes, p.check_in_local, p.check_out_local
    from report_days r
    inner join presence p on p.nip = r.nip and p.work_date = r.activity_date
    where r.eligible_minutes > p.presence_minutes
),

evidence_days as (
    -- the report ids are listed only for the days flagged by the two day-level checks below
    select nip, activity_date from capped_days
    union
    select nip, activity_date from over_presence_days
),

report_ids as (
    select
        r.nip,
        r.activity_date,
        {{ dbt.listagg('r.report_id', "', '", 'order by r.report_id') }} as report_ids
    from {{ ref('int_activity_reports_credited') }} r
    inner join evidence_days e on e.nip = r.nip and e.activity_date = r.activity_date
    where {{ eperf.in_partition_window('r.activity_date', 'date') }}
    group by r.nip, r.activity_date
),

claimed_while_absent as (
    select
        'AKTIVITAS_SAAT_TK' as flag_code,
        nip,
        cast(null as string) as device_sn,
        activity_date as flag_date,
        period,
        sum(eligible_minutes) as metric_value,
        0 as threshold_value,
        'minutes' as metric_unit,
        concat(
            cast(count(*) as string), ' laporan aktivitas disetujui (',
            {{ eperf.angka_id('sum(eligible_minutes)') }},
            ' menit) pada hari berstatus TK; tidak dihitung.'
        ) as details,
        {{ dbt.listagg('report_id', "', '", 'order by report_id') }} as evidence,
        'R10, R3 claimed_while_absent' as rule_ref
    from {{ ref('int_activity_reports_credited') }}
    where claimed_while_absent and {{ eperf.in_partition_window('activity_date', 'date') }}
    group by nip, activity_date, period
),

over_daily_cap as (
    select
        'MELEBIHI_BATAS_HARIAN' as flag_code,
        c.nip,
        cast(null as string) as device_sn,
        c.activity_date as flag_date,
        c.period,
        c.credited_minutes_uncapped as metric_value,
        c.daily_credit_cap_minutes as threshold_value,
        'minutes' as metric_unit,
        concat(
            'Menit aktivitas disetujui ', {{ eperf.angka_id('c.credited_minutes_uncapped') }},
            ' melebihi batas harian ', cast(c.daily_credit_cap_minutes as string), ' menit; kelebihan ',
            {{ eperf.angka_id('c.capped_excess_minutes') }}, ' menit tidak dihitung.'
        ) as details,
        r.report_ids as evidence,
        'R10, R3 policy_parameters daily_credit_cap_minutes' as rule_ref
    from capped_days c
    left join report_ids r on r.nip = c.nip and r.activity_date = c.activity_date
),

over_presence as (
    select
        'MELEBIHI_WAKTU_KEHADIRAN' as flag_code,
        r.nip,
        cast(null as string) as device_sn,
        r.activity_date as flag_date,
        r.period,
        r.eligible_minutes as metric_value,
        r.presence_minutes as threshold_value,
        'minutes' as metric_unit,
        concat(
            'Menit aktivitas disetujui ', {{ eperf.angka_id('r.eligible_minutes') }},
            ' melebihi waktu kehadiran ', cast(r.presence_minutes as string), ' menit (masuk ',
            {{ eperf.time_of_day_text('r.check_in_local', false) }}, ', pulang ',
            {{ eperf.time_of_day_text('r.check_out_local', false) }}, ').'
        ) as details,
        e.report_ids as evidence,
        'R10 check-in to check-out' as rule_ref
    from over_presence_days r
    left join report_ids e on e.nip = r.nip and e.activity_date = r.activity_date
),

overlap_pairs as (
    select
        o.*,
        concat(
            o.first_report_id, ' ',
            {{ eperf.time_of_day_text('o.first_window_start', false) }}, '-',
            {{ eperf.time_of_day_text('o.first_window_end', false) }}, ' / ',
            o.second_report_id, ' ',
            {{ eperf.time_of_day_text('o.second_window_start', false) }}, '-',
            {{ eperf.time_of_day_text('o.second_window_end', false) }}
        ) as pair_text
    from {{ ref('int_activity_windows_overlapping') }} o
    where {{ eperf.in_partition_window('o.activity_date', 'date') }}
),

overlapping_windows as (
    select
        'AKTIVITAS_TUMPANG_TINDIH' as flag_code,
        nip,
        cast(null as string) as device_sn,
        activity_date as flag_date,
        period,
        max(overlap_minutes) as metric_value,
        max(min_overlap_minutes) as threshold_value,
        'minutes' as metric_unit,
        concat(
            cast(count(*) as string), ' pasang laporan aktivitas dengan jam tumpang tindih; terpanjang ',
            cast(max(overlap_minutes) as string), ' menit.'
        ) as details,
        {{ dbt.listagg('pair_text', "'; '", 'order by first_window_start, first_report_id, second_report_id') }}
            as evidence,
        'R10 policy_parameters activity_overlap_min_minutes' as rule_ref
    from overlap_pairs
    group by nip, activity_date, period
),

repeated_pairs as (
    select * from {{ ref('int_punch_pairs_coincident') }}
    where {{ eperf.in_partition_window('punch_date', 'date') }}
),

buddy_sides as (
    -- both NIPs of a repeated pair are flagged: the data cannot tell who punched for whom
    select
        first_nip as nip, second_nip as partner_nip, device_sn, punch_date, period,
        first_punch_time as own_punch_time, second_punch_time as partner_punch_time,
        window_seconds, pair_days_in_period, min_days
    from repeated_pairs
    union all
    select
        second_nip, first_nip, device_sn, punch_date, period,
        second_punch_time, first_punch_time,
        window_seconds, pair_days_in_period, min_days
    from repeated_pairs
),

buddy_texts as (
    select
        b.*,
        concat(
            b.device_sn, ' ', {{ eperf.time_of_day_text('b.own_punch_time') }}, ' ~ ',
            b.partner_nip, ' ', {{ eperf.time_of_day_text('b.partner_punch_time') }}
        ) as pair_text
    from buddy_sides b
),

buddy_punching as (
    select
        'TITIP_ABSEN' as flag_code,
        nip,
        min(device_sn) as device_sn,
        punch_date as flag_date,
        period,
        max(pair_days_in_period) as metric_value,
        max(min_days) as threshold_value,
        'days' as metric_unit,
        concat(
            'Absen dalam ', cast(max(window_seconds) as string),
            ' detik dari NIP lain di mesin yang sama; dengan pasangan yang sama pada ',
            cast(max(pair_days_in_period) as string), ' hari dalam bulan ini.'
        ) as details,
        {{ dbt.listagg('pair_text', "'; '", 'order by own_punch_time, partner_nip, partner_punch_time') }} as evidence,
        'R10 policy_parameters buddy_punch_window_seconds, buddy_punch_min_days' as rule_ref
    from buddy_texts
    group by nip, punch_date, period
),

employee_flags as (
    select * from claimed_while_absent
    union all
    select * from over_daily_cap
    union all
    select * from over_presence
    union all
    select * from overlapping_windows
    union all
    select * from buddy_punching
),

device_flags as (
    select
        'JAM_MESIN_MENYIMPANG' as flag_code,
        device_sn,
        unit_id,
        period_end as flag_date,
        period,
        median_offset_minutes as metric_value,
        max_offset_minutes as threshold_value,
        'minutes' as metric_unit,
        concat(
            'Median absen pertama pegawai di mesin ini berselisih ',
            {{ eperf.angka_id('median_offset_minutes / 60.0') }},
            ' jam dari jam mulai kerja (batas ', {{ eperf.angka_id('max_offset_minutes / 60.0') }},
            ' jam), dari ', cast(n_first_punches as string), ' pegawai-hari.'
        ) as details,
        concat(
            cast(first_punch_date as string), ' s.d. ', cast(last_punch_date as string),
            '; median selisih ', {{ eperf.angka_id('median_offset_minutes') }}, ' menit'
        ) as evidence,
        'R10 policy_parameters clock_drift_max_hours, clock_drift_min_first_punches' as rule_ref
    from {{ ref('int_device_months_measured') }}
    where is_drifting and {{ eperf.in_partition_window('period') }}
),

flags as (
    select
        f.flag_code, 'EMPLOYEE' as subject_kind, f.nip, f.device_sn, m.unit_id, f.flag_date, f.period,
        f.metric_value, f.threshold_value, f.metric_unit, f.details, f.evidence, f.rule_ref
    from employee_flags f
    left join {{ ref('int_employee_months_settled') }} m on m.nip = f.nip and m.period = f.period
    union all
    select
        flag_code, 'DEVICE', cast(null as string), device_sn, unit_id, flag_date, period,
        metric_value, threshold_value, metric_unit, details, evidence, rule_ref
    from device_flags
)

select
    flag_code,
    subject_kind,
    nip,
    device_sn,
    unit_id,
    cast(flag_date as date) as flag_date,
    period,
    cast(metric_value as decimal(18, 2)) as metric_value,
    cast(threshold_value as decimal(18, 2)) as threshold_value,
    metric_unit,
    details,
    evidence,
    concat('{{ var("rule_set") }} ', rule_ref) as rule_ref,
    '{{ var("rule_set") }}' as rule_set
from flags
