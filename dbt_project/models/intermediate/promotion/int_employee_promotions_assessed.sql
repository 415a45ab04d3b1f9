{{ config(**eperf.partitioned_config('as_of_period', 'period_onwards')) }}
-- Grain: one row per employee per period (as_of_period) with a row in int_employee_months_settled (R8,
-- kenaikan pangkat reguler). The promotion falls due on eligible_from = rank_since +
-- promotion_min_years_in_rank (4) years. Status as of the period's last day:
--   ELIGIBLE       due by then, and nothing blocks;
--   ELIGIBLE_SOON  due within the promotion_soon_months (6) whole months after the period, and
--                  nothing else blocks;
--   BLOCKED        otherwise, with every reason that applies (comma separated, in this order):
--     BUKAN_PNS                      employment status not qualifying (policy_promotion_criteria):
--                                    CPNS, and PPPK, whose grades I..XVII are not on the PNS rank
--                                    ladder; nothing else is assessed and eligible_from is null
--     DATA_PANGKAT_TIDAK_LENGKAP     rank not on policy_rank_ladder, or no rank_since (SIMPEG defect)
--     PANGKAT_PUNCAK                 the top of the ladder (IV/e): there is no next rank
--     MASA_KERJA_BELUM_CUKUP         not yet due at the period's end
--     RIWAYAT_KINERJA_TIDAK_LENGKAP  one of the promotion_predicate_years (2) calendar years before the
--                                    as-of year is not complete: the warehouse lacks some of its 12
--                                    periods, or the employee has no month in it
--                                    (int_employee_years_scored)
--     PREDIKAT_TAHUN_<YYYY>          that complete year's annual predicate does not qualify
--     HUKUMAN_DISIPLIN               a sanction that does not qualify (all but TEGURAN_LISAN; an unlisted
--                                    type blocks too) active in the promotion_sanction_lookback_months
--                                    (12) whole months ending with the period
-- SIMPEG keeps only the current rank, so a period is judged with the rank and rank_since SIMPEG
-- held when the period was built. A partition run rebuilds its window's periods and every later
-- one (a year's predicate counts for the following years).
-- legal_basis: the legal_basis of the rows the rule applies to a PNS as of the period (the
-- qualifying status row, the years in rank, the predicate years and the sanction lookback), joined
-- by "; ": the decree batch cites it.
{%- set parameters = [
    'promotion_min_years_in_rank', 'promotion_soon_months',
    'promotion_predicate_years', 'promotion_sanction_lookback_months'] %}

with criteria as (
    select * from {{ eperf.policy_rows('policy_promotion_criteria') }}
),

as_of as (
    select
        m.nip,
        m.period as as_of_period,
        cast(substr(m.period, 1, 4) as integer) as as_of_year,
        p.period_start,
        p.period_end,
        e.employment_status,
        e.rank_grade,
        e.rank_since,
        {%- for x in parameters %}
        cast(p_{{ loop.index }}.value as integer) as {{ x }},
        {%- endfor %}
        concat_ws('; ', p_1.legal_basis, p_3.legal_basis, p_4.legal_basis) as parameters_legal_basis
    from {{ ref('int_employee_months_settled') }} m
    inner join {{ ref('int_periods_summarised') }} p on p.period = m.period
    left join {{ ref('stg_simpeg__employees') }} e on e.nip = m.nip
    {%- for x in parameters %}
    {{ eperf.join_parameter('p_' ~ loop.index, x, 'p.period_end') }}
    {%- endfor %}
    where {{ eperf.in_partition_window('m.period', 'period_onwards') }}
),

dated as (
    select
        a.*,
        st.code is not null as status_qualifies,
        l.rank_grade is not null as rank_on_ladder,
        l.next_rank_grade,
        concat_ws('; ', st.legal_basis, a.parameters_legal_basis) as legal_basis,
        case when st.code is not null then
            cast({{ eperf.add_to_date('year', 'a.promotion_min_years_in_rank', 'a.rank_since') }} as date)
        end as eligible_from,
        cast({{ eperf.add_to_date('day', -1, eperf.add_to_date('month', 'a.promotion_soon_months + 1', 'a.period_start')) }} as date) -- noqa: LT05
            as soon_until,
        cast({{ eperf.add_to_date('month', '1 - a.promotion_sanction_lookback_months', 'a.period_start') }} as date)
            as sanction_window_start
    from as_of a
    left join criteria st
        on st.criterion = 'STATUS_KEPEGAWAIAN'
        and st.code = a.employment_status
        and st.qualifies
        and {{ eperf.in_force('st', 'a.period_end') }}
    left join {{ eperf.policy_rows('policy_rank_ladder') }} l
        on l.rank_grade = a.rank_grade and {{ eperf.in_force('l', 'a.period_end') }}
),

assessed as (
    select * from dated where status_qualifies
),

complete_years as (
    -- the complete years among the promotion_predicate_years calendar years before the as-of year
    select
        a.nip,
        a.as_of_period,
        y.year,
        y.predicate,
        coalesce(q.qualifies, false) as predicate_qualifies
    from assessed a
    inner join {{ ref('int_employee_years_scored') }} y
        on y.nip = a.nip
        and y.year >= a.as_of_year - a.promotion_predicate_years
        and y.year < a.as_of_year
        and y.year_fully_covered
    left join criteria q
        on q.criterion = 'PREDIKAT'
        and q.code = y.predicate
        and {{ eperf.in_force('q', 'a.period_end') }}
),

years_summarised as (
    select
        nip,
        as_of_period,
        count(*) as n_complete_years,
        {{ dbt.listagg("concat(cast(year as string), ': ', coalesce(predicate, '-'))", "', '", "order by year") }}
            as annual_predicates
    from complete_years
    group by nip, as_of_period
),

blocking_sanctions as (
    select
        a.nip,
        a.as_of_period,
        {{ dbt.listagg(
            "concat(s.sanction_type, case when s.decree_number is not null then concat(' (', s.decree_number, ')') else '' end)",
            "', '",
            "order by s.start_date, s.sanction_id") }} as blocking_sanctions
    from assessed a
    inner join {{ ref('stg_simpeg__disciplinary_sanctions') }} s
        on s.nip = a.nip
        and s.start_date <= a.period_end
        and coalesce(s.end_date, date '9999-12-31') >= a.sanction_window_start
    left join criteria c
        on c.criterion = 'HUKUMAN_DISIPLIN'
        and c.code = s.sanction_type
        and {{ eperf.in_force('c', 'a.period_end') }}
    where not coalesce(c.qualifies, false)
    group by a.nip, a.as_of_period
),

reasons as (
    select nip, as_of_period, 1 as reason_order, 'BUKAN_PNS' as reason
    from dated where not status_qualifies
    union all
    select nip, as_of_period, 2, 'DATA_PANGKAT_TIDAK_LENGKAP'
    from assessed where not rank_on_ladder or rank_since is null
    union all
    select nip, as_of_period, 3, 'PANGKAT_PUNCAK'
    from assessed where rank_on_ladder and next_rank_grade is null
    union all
    select nip, as_of_period, 4, 'MASA_KERJA_BELUM_CUKUP'
    from assessed where eligible_from > period_end
    union all
    select a.nip, a.as_of_period, 5, 'RIWAYAT_KINERJA_TIDAK_LENGKAP'
    from assessed a
    left join years_summarised y on y.nip = a.nip and y.as_of_period = a.as_of_period
    where coalesce(y.n_complete_years, 0) < a.promotion_predicate_years
    union all
    select nip, as_of_period, 6, concat('PREDIKAT_TAHUN_', cast(year as string))
    from complete_years where not predicate_qualifies
    union all
    select nip, as_of_period, 7, 'HUKUMAN_DISIPLIN'
    from blocking_sanctions
),

reasons_listed as (
    select
        nip,
        as_of_period,
        sum(case when reason = 'MASA_KERJA_BELUM_CUKUP' then 0 else 1 end) as n_blockers,
        {{ dbt.listagg('reason', "','", 'order by reason_order, reason') }} as reasons
    from reasons
    group by nip, as_of_period
),

classified as (
    select
        d.*,
        r.reasons,
        case
            when r.nip is null then 'ELIGIBLE'
            when r.n_blockers = 0 and d.eligible_from <= d.soon_until then 'ELIGIBLE_SOON'
            else 'BLOCKED'
        end as status
    from dated d
    left join reasons_listed r on r.nip = d.nip and r.as_of_period = d.as_of_period
)

select
    c.nip,
    c.as_of_period,
    c.employment_status,
    c.rank_grade,
    c.rank_since,
    c.next_rank_grade,
    c.eligible_from,
    c.status,
    case when c.status = 'BLOCKED' then c.reasons end as reasons,
    y.annual_predicates,
    b.blocking_sanctions,
    '{{ var("rule_set") }}' as rule_set,
    c.legal_basis
from classified c
left join years_summarised y on y.nip = c.nip and y.as_of_period = c.as_of_period
left join blocking_sanctions b on b.nip = c.nip and b.as_of_period = c.as_of_period
