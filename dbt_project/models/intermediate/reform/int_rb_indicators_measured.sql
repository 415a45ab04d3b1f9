{{ config(window_column='period', window_kind='period') }}
-- A partition run tests the window's periods only (eperf.get_where_subquery): the key holds the
-- period.
-- Grain: one row per unit subtree per period per indicator (R9): the bureaucratic-reform
-- indicators with their numerator, denominator and formula, from the definitions in
-- policy_rb_indicators. The SE MenPAN-RB 3/2023 check compares the subtree's predicate
-- distribution with the pattern its own predicate requires (the unit predicate is inferred from
-- the subtree's aggregate capaian: policy_unit_predicate_bands).
{%- set predicates = ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] %}
with members as (
    -- every column of e but its own unit_id, which the ancestor replaces (a second unit_id column
    -- would be ambiguous on Spark)
    select
        a.ancestor_unit_id as unit_id,
        e.nip, e.period, e.predicate, e.assigned_workdays, e.tk_days, e.credited_minutes,
        e.target_minutes, e.tukin_potential_idr, e.tukin_net_idr, e.days_without_tl_psw_tk,
        e.has_approved_report, e.reports_submitted, e.reports_reviewed_on_time
    from {{ ref('int_employee_months_reform_counts') }} e
    inner join {{ ref('int_org_unit_ancestors') }} a on a.unit_id = e.unit_id
),

subtree as (
    select
        unit_id,
        period,
        count(*) as employees,
        sum(case when has_approved_report then 1 else 0 end) as employees_reporting,
        sum(reports_submitted) as reports_submitted,
        sum(reports_reviewed_on_time) as reports_reviewed_on_time,
        sum(assigned_workdays) as workdays,
        sum(days_without_tl_psw_tk) as clean_days,
        sum(tk_days) as tk_days,
        sum(tukin_net_idr) as tukin_net_idr,
        sum(tukin_potential_idr) as tukin_potential_idr,
        sum(credited_minutes) as credited_minutes,
        sum(target_minutes) as target_minutes,
        {%- for p in predicates %}
        sum(case when predicate = '{{ p }}' then 1 else 0 end) as n_{{ p | lower }}{{ "," if not loop.last }}
        {%- endfor %}
    from members
    group by unit_id, period
),

periods as (
    select period, period_start from {{ ref('int_periods_summarised') }}
),

unit_predicates as (
    select s.unit_id, s.period, b.unit_predicate
    from subtree s
    inner join periods p on p.period = s.period
    left join {{ eperf.policy_rows('policy_unit_predicate_bands') }} b
        on {{ eperf.in_force('b', 'p.period_start') }}
        and {{ eperf.in_band('100.0 * s.credited_minutes / nullif(s.target_minutes, 0)',
            'b.min_capaian_pct', 'b.max_capaian_pct', true, false) }}
),

pattern_rules as (
    select
        u.unit_id,
        u.period,
        r.rule_no,
        (
            {%- for p in predicates %}
            case when concat('|', r.predicates, '|') like '%|{{ p }}|%' then s.n_{{ p | lower }} else 0 end
            {{- " +" if not loop.last }}
            {%- endfor %}
        ) as n_in_set,
        s.employees,
        r.min_pct,
        r.max_pct,
        r.min_count
    from unit_predicates u
    inner join subtree s on s.unit_id = u.unit_id and s.period = u.period
    inner join periods p on p.period = u.period
    inner join {{ eperf.policy_rows('policy_predicate_distribution') }} r
        on r.unit_predicate = u.unit_predicate and {{ eperf.in_force('r', 'p.period_start') }}
),

pattern as (
    select
        unit_id,
        period,
        sum(case when {{ eperf.in_band('100.0 * n_in_set / employees', 'min_pct', 'max_pct') }}
                  and (min_count is null or n_in_set >= min_count)
                 then 1 else 0 end) as rules_met,
        count(*) as rules
    from pattern_rules
    group by unit_id, period
),

staffing as (
    select a.ancestor_unit_id as unit_id, f.period,
        sum(case when f.verdict = 'SESUAI' then 1 else 0 end) as units_sesuai,
        count(f.verdict) as units_with_verdict
    from {{ ref('int_unit_periods_assessed') }} f
    inner join {{ ref('int_org_unit_ancestors') }} a on a.unit_id = f.unit_id
    where f.scope = 'DIRECT' and f.period_grain = 'MONTH'
    group by a.ancestor_unit_id, f.period
),

measures as (
    select unit_id, period, 'RB_CAKUPAN_PELAPORAN' as indicator_code,
        employees_reporting as numerator, employees as denominator from subtree
    union all
    select unit_id, period, 'RB_KETEPATAN_VERIFIKASI', reports_reviewed_on_time, reports_submitted
    from subtree
    union all
    select unit_id, period, 'RB_DISIPLIN', clean_days, workdays from subtree
    union all
    select unit_id, period, 'RB_TINGKAT_TK', tk_days, workdays from subtree
    union all
    select unit_id, period, 'RB_REALISASI_TUKIN', tukin_net_idr, tukin_potential_idr from subtree
    {%- for p in predicates %}
    union all
    select unit_id, period, 'RB_PREDIKAT_{{ p }}', n_{{ p | lower }}, employees from subtree
    {%- endfor %}
    union all
    select unit_id, period, 'RB_POLA_DISTRIBUSI_PREDIKAT', rules_met, rules from pattern
    union all
    select unit_id, period, 'RB_KECUKUPAN_PEGAWAI', units_sesuai, units_with_verdict from staffing
)

select
    m.period,
    m.unit_id,
    m.indicator_code,
    d.indicator_group,
    d.indicator_name_id,
    cast(round(100.0 * m.numerator / nullif(m.denominator, 0), 2) as decimal(9, 2)) as value,
    cast(m.numerator as decimal(20, 2)) as numerator,
    cast(m.denominator as decimal(20, 2)) as denominator,
    d.formula,
    d.legal_basis,
    '{{ var('rule_set') }}' as rule_set
from measures m
inner join periods p on p.period = m.period
inner join {{ eperf.policy_rows('policy_rb_indicators') }} d
    on d.indicator_code = m.indicator_code and {{ eperf.in_force('d', 'p.period_start') }}
