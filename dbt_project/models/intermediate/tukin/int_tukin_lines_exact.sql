{{ config(materialized='ephemeral') }}
-- Ephemeral: read only by int_tukin_lines_rounded, itself compiled into fct_tukin_lines, so a
-- ministry-year's 2.1 million lines are written once, not three times.
-- Grain: one row per cause of a withheld rupiah per employee-month, with its exact amount (R4).
-- The withheld amount (potential - net) is decomposed in the order the formula applies it:
--   1. each TL / PSW / TK occurrence:     potential x pct / 100
--   2. CAP, monthly deduction cap:        - potential x (sum of daily % - capped %) / 100
--   3. PERFORMANCE shortfall:             potential x W_perf x (1 - perf_factor)
--   4. CAP, net never below zero:         potential x net_pct_unfloored (negative) when < 0
--   5. LEAVE:                             potential x net_pct x (1 - leave_factor)
--   6. SANCTION:                          potential x net_pct x leave_factor x cut / 100
-- Their sum is potential - net exactly (W_perf + W_disc = 1). Percentages, labels, rule
-- versions and legal_basis are those of the policy rows the engine applied: a daily line's band
-- is the row of its code in force on its day (the engine's join), a monthly line's row is the one
-- int_employee_months_tukin carries.
-- The window is applied to each input (a CTE read more than once is materialised whole before
-- a filter on its result applies: the year's 9.5 million classified days in a daily run).
with months as (
    select * from {{ ref('int_employee_months_tukin') }} where {{ eperf.in_partition_window('period') }}
),

scores as (
    select nip, period, credited_minutes, target_minutes, capaian_pct
    from {{ ref('int_employee_months_scored') }}
    where {{ eperf.in_partition_window('period') }}
),

days as (
    select * from {{ ref('int_attendance_days_classified') }} where {{ eperf.in_partition_window('period') }}
),

daily as (
    select nip, period, work_date, 'TL' as cause, tl_code as code, tl_pct as pct,
        tl_label_id as label_id, late_minutes as minutes
    from days where tl_code is not null
    union all
    select nip, period, work_date, 'PSW', psw_code, psw_pct, psw_label_id, early_minutes
    from days where psw_code is not null
    union all
    select nip, period, work_date, 'TK', 'TK', tk_pct, tk_label_id, null
    from days where status = 'TK'
),

bands as (
    select * from {{ eperf.policy_rows('policy_attendance_bands') }}
),

daily_lines as (
    select
        d.nip,
        d.period,
        1 as sort_group,
        d.work_date,
        case d.cause when 'TL' then 1 when 'TK' then 1 else 2 end as sort_within,
        d.cause,
        d.code,
        cast(d.pct as decimal(18, 6)) as pct,
        {{ eperf.decimal_product('m.tukin_potential_exact', 'd.pct * 0.01') }} as amount_exact,
        concat(
            m.rule_set, ' R2 policy_attendance_bands ', d.code,
            ' (berlaku ', cast(b.effective_from as string), ')'
        ) as rule_ref,
        concat(
            case
                when d.cause = 'TL' and d.minutes is null then 'Tidak melakukan presensi masuk'
                when d.cause = 'TL' then concat('Terlambat masuk ', cast(d.minutes as string), ' menit')
                when d.cause = 'PSW' and d.minutes is null then 'Tidak melakukan presensi pulang'
                when d.cause = 'PSW' then concat('Pulang ', cast(d.minutes as string), ' menit sebelum waktunya')
                else 'Tidak masuk kerja tanpa keterangan'
            end,
            ' pada ', {{ eperf.tanggal_id('d.work_date') }},
            ': ', d.code, ' (', d.label_id, '), potongan ', {{ eperf.angka_id('d.pct') }}, '% dari tukin.'
        ) as description_id,
        b.legal_basis
    from daily d
    inner join months m on m.nip = d.nip and m.period = d.period
    left join bands b
        on b.band_kind = d.cause and b.code = d.code and {{ eperf.in_force('b', 'd.work_date') }}
),

monthly_lines as (
    select
        m.nip, m.period, 2 as sort_group, cast(null as date) as work_date, 1 as sort_within,
        'CAP' as cause, 'BATAS_POTONGAN_BULANAN' as code,
        cast(-(m.deduction_pct_sum - m.attendance_deduction_pct) as decimal(18, 6)) as pct,
        -{{ eperf.decimal_product('m.tukin_potential_exact', '(m.deduction_pct_sum - m.attendance_deduction_pct) * 0.01') }} as amount_exact, -- noqa: LT05
        concat(m.rule_set, ' R2 policy_parameters monthly_deduction_cap_pct') as rule_ref,
        concat(
            'Jumlah potongan disiplin ', {{ eperf.angka_id('m.deduction_pct_sum') }},
            '% dibatasi ', {{ eperf.angka_id('m.attendance_deduction_pct') }}, '% per bulan.'
        ) as description_id,
        m.deduction_cap_legal_basis as legal_basis
    from months m
    where m.deduction_pct_sum > m.attendance_deduction_pct

    union all

    select
        m.nip, m.period, 3, null, 1,
        'PERFORMANCE', 'CAPAIAN_KINERJA',
        cast(m.weight_performance * (1 - m.perf_factor) * 100 as decimal(18, 6)),
        {{ eperf.decimal_product('m.tukin_potential_exact', 'm.weight_performance * (1 - m.perf_factor)') }},
        concat(m.rule_set, ' R3/R4 policy_parameters weight_performance'),
        concat(
            'Capaian kinerja ', coalesce({{ eperf.angka_id('s.capaian_pct') }}, '-'), '% (',
            {{ eperf.angka_id('s.credited_minutes', 0) }}, ' dari ', {{ eperf.angka_id('s.target_minutes', 0) }},
            ' menit efektif): komponen kinerja ', {{ eperf.angka_id('m.weight_performance * 100') }},
            '% hanya dibayar ', {{ eperf.angka_id('m.perf_factor * 100') }}, '%.'
        ),
        m.weight_performance_legal_basis
    from months m
    inner join scores s on s.nip = m.nip and s.period = m.period
    where m.perf_factor < 1

    union all

    select
        m.nip, m.period, 4, null, 1,
        'CAP', 'TUKIN_MINIMUM_NOL',
        cast(m.net_pct_unfloored * 100 as decimal(18, 6)),
        {{ eperf.decimal_product('m.tukin_potential_exact', 'm.net_pct_unfloored') }},
        concat(m.rule_set, ' R4 policy_parameters minimum_net_pct'),
        'Potongan melebihi tukin yang dapat dibayarkan: tukin bersih tidak dapat kurang dari nol.',
        m.minimum_net_legal_basis
    from months m
    where m.net_pct_unfloored < 0

    union all

    select
        m.nip, m.period, 5, null, 1,
        'LEAVE', m.leave_type_applied,
        cast((1 - m.leave_factor) * 100 as decimal(18, 6)),
        {{ eperf.decimal_product(eperf.decimal_product('m.tukin_potential_exact', 'm.net_pct'), '1 - m.leave_factor') }}, -- noqa: LT05
        concat(m.rule_set, ' R4 policy_leave_factors ', m.leave_type_applied),
        concat(
            'Faktor cuti ', {{ eperf.angka_id('m.leave_factor') }}, ' karena ', lf.label_id,
            case when m.leave_type_applied = 'CUTI_SAKIT'
                then concat(' ', cast(m.sick_days as string), ' hari kerja') else '' end,
            ' pada periode ini.'
        ),
        m.leave_legal_basis
    from months m
    left join {{ eperf.policy_rows('policy_leave_factors') }} lf
        on lf.leave_type = m.leave_type_applied
        and {{ eperf.in_force('lf', 'm.period_start') }}
        and {{ eperf.in_band('m.sick_days', 'lf.min_days', 'lf.max_days') }}
    where m.leave_factor < 1

    union all

    select
        m.nip, m.period, 6, null, 1,
        'SANCTION', m.sanction_type_applied,
        cast(m.sanction_cut_pct as decimal(18, 6)),
        {{ eperf.decimal_product(
            eperf.decimal_product('m.tukin_potential_exact', 'm.net_pct'),
            'm.leave_factor * m.sanction_cut_pct * 0.01') }},
        concat(m.rule_set, ' R4 policy_sanction_cuts ', m.sanction_type_applied),
        concat(
            'Hukuman disiplin ', sc.label_id,
            case when m.sanction_decree_number is not null
                then concat(' (', m.sanction_decree_number, ')') else '' end,
            ': tukin dipotong ', {{ eperf.angka_id('m.sanction_cut_pct') }}, '%.'
        ),
        m.sanction_legal_basis
    from months m
    left join {{ eperf.policy_rows('policy_sanction_cuts') }} sc
        on sc.sanction_type = m.sanction_type_applied and {{ eperf.in_force('sc', 'm.period_start') }}
    where m.sanction_cut_pct > 0
)

select * from daily_lines where {{ eperf.in_partition_window('period') }}
union all
select * from monthly_lines where {{ eperf.in_partition_window('period') }}
