{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per employee per period with at least one assigned workday (R4).
-- base: the tukin rate of the period's job class in force on the period's first day.
-- tukin_potential = base x status_factor x employment_factor
-- net_pct = max(minimum_net_pct, W_perf x perf_factor + W_disc - attendance_deduction_pct / 100)
-- tukin_net = round_half_up(potential x net_pct x leave_factor x (1 - sanction_cut_pct / 100))
-- leave_factor is the minimum over the leave codes on the employee's workdays in the period
-- (CUTI_SAKIT by its number of sick days); sanction_cut_pct the largest cut of the sanctions
-- active on any day of the period. Factors are exact decimals (16 places); only the final
-- amounts are rounded, half-up, to whole rupiah. The legal_basis of each policy row applied
-- (cap, weight, floor, leave factor, sanction cut) goes with it, for the explanation lines.
with months as (
    select
        a.nip,
        a.period,
        p.period_start,
        p.period_end,
        p.workdays,
        a.assigned_workdays,
        a.attendance_deduction_pct,
        a.deduction_cap_legal_basis,
        a.deduction_pct_sum,
        a.sick_days,
        s.perf_factor,
        x.job_class,
        e.employment_status
    from {{ ref('int_employee_months_attendance') }} a
    inner join {{ ref('int_periods_summarised') }} p on p.period = a.period
    inner join {{ ref('int_employee_months_scored') }} s on s.nip = a.nip and s.period = a.period
    inner join {{ ref('int_employee_months_assigned') }} x on x.nip = a.nip and x.period = a.period
    inner join {{ ref('stg_simpeg__employees') }} e on e.nip = a.nip
),

leave_codes as (
    select distinct nip, period, status as leave_type
    from {{ ref('int_attendance_days_classified') }}
    where status not in ('HADIR', 'TK')
),

leave_factors as (
    -- The leave code with the lowest factor is the one applied (ties: alphabetical code).
    select nip, period, leave_type, leave_factor, leave_legal_basis
    from (
        select
            l.nip,
            l.period,
            l.leave_type,
            f.factor as leave_factor,
            f.legal_basis as leave_legal_basis,
            row_number() over (
                partition by l.nip, l.period order by f.factor, l.leave_type
            ) as factor_rank
        from leave_codes l
        inner join months m on m.nip = l.nip and m.period = l.period
        inner join {{ eperf.policy_rows('policy_leave_factors') }} f
            on f.leave_type = l.leave_type
            and {{ eperf.in_force('f', 'm.period_start') }}
            and {{ eperf.in_band('m.sick_days', 'f.min_days', 'f.max_days') }}
    ) ranked
    where factor_rank = 1
),

sanction_cuts as (
    -- The sanction with the largest cut is the one applied (ties: the latest decree start).
    select nip, period, sanction_id, sanction_type, decree_number, sanction_cut_pct, sanction_legal_basis
    from (
        select
            m.nip,
            m.period,
            s.sanction_id,
            s.sanction_type,
            s.decree_number,
            c.cut_pct as sanction_cut_pct,
            c.legal_basis as sanction_legal_basis,
            row_number() over (
                partition by m.nip, m.period
                order by c.cut_pct desc, s.start_date desc, s.sanction_id desc
            ) as cut_rank
        from months m
        inner join {{ ref('stg_simpeg__disciplinary_sanctions') }} s
            on s.nip = m.nip and s.start_date <= m.period_end and s.end_date >= m.period_start
        inner join {{ eperf.policy_rows('policy_sanction_cuts') }} c
            on c.sanction_type = s.sanction_type
            and {{ eperf.in_force('c', 'm.period_start') }}
    ) ranked
    where cut_rank = 1
),

factored as (
    select
        m.*,
        r.amount_idr as tukin_base_idr,
        sf.factor as status_factor,
        {{ eperf.decimal_ratio('m.assigned_workdays', 'm.workdays') }} as employment_factor,
        wp.value as weight_performance,
        wp.legal_basis as weight_performance_legal_basis,
        wd.value as weight_discipline,
        mn.value as minimum_net_pct,
        mn.legal_basis as minimum_net_legal_basis,
        cast(coalesce(lf.leave_factor, 1) as decimal(9, 4)) as leave_factor,
        lf.leave_type as leave_type_applied,
        lf.leave_legal_basis,
        cast(coalesce(sc.sanction_cut_pct, 0) as decimal(9, 4)) as sanction_cut_pct,
        sc.sanction_type as sanction_type_applied,
        sc.decree_number as sanction_decree_number,
        sc.sanction_legal_basis
    from months m
    left join {{ eperf.policy_rows('policy_tukin_rates') }} r
        on r.job_class = m.job_class and {{ eperf.in_force('r', 'm.period_start') }}
    left join {{ eperf.policy_rows('policy_status_factors') }} sf
        on sf.employment_status = m.employment_status and {{ eperf.in_force('sf', 'm.period_start') }}
    {{ eperf.join_parameter('wp', 'weight_performance', 'm.period_start') }}
    {{ eperf.join_parameter('wd', 'weight_discipline', 'm.period_start') }}
    {{ eperf.join_parameter('mn', 'minimum_net_pct', 'm.period_start') }}
    left join leave_factors lf on lf.nip = m.nip and lf.period = m.period
    left join sanction_cuts sc on sc.nip = m.nip and sc.period = m.period
),

amounts as (
    select
        f.*,
        {{ eperf.decimal_product('f.tukin_base_idr * f.status_factor', 'f.employment_factor') }}
            as tukin_potential_exact,
        cast(
            f.weight_performance * f.perf_factor + f.weight_discipline
                - f.attendance_deduction_pct * 0.01
            as decimal(38, 16)
        ) as net_pct_unfloored
    from factored f
),

floored as (
    select
        a.*,
        greatest(cast(a.minimum_net_pct as decimal(38, 16)), a.net_pct_unfloored) as net_pct
    from amounts a
),

net as (
    select
        a.*,
        {{ eperf.decimal_product(
            eperf.decimal_product('a.tukin_potential_exact', 'a.net_pct'),
            'a.leave_factor * (1 - a.sanction_cut_pct * 0.01)'
        ) }} as tukin_net_exact
    from floored a
)

select
    a.nip,
    a.period,
    a.period_start,
    a.sick_days,
    '{{ var('rule_set') }}' as rule_set,
    a.job_class,
    a.employment_status,
    a.workdays,
    a.assigned_workdays,
    a.tukin_base_idr,
    a.status_factor,
    a.employment_factor,
    a.weight_performance,
    a.weight_performance_legal_basis,
    a.weight_discipline,
    a.perf_factor,
    a.attendance_deduction_pct,
    a.deduction_cap_legal_basis,
    a.deduction_pct_sum,
    a.net_pct_unfloored,
    a.minimum_net_legal_basis,
    a.net_pct,
    a.leave_factor,
    a.leave_type_applied,
    a.leave_legal_basis,
    a.sanction_cut_pct,
    a.sanction_type_applied,
    a.sanction_decree_number,
    a.sanction_legal_basis,
    a.tukin_potential_exact,
    {{ eperf.round_half_up('a.tukin_potential_exact') }} as tukin_potential_idr,
    a.tukin_net_exact,
    {{ eperf.round_half_up('a.tukin_net_exact') }} as tukin_net_idr
from net a
where {{ eperf.in_partition_window('a.period') }}
