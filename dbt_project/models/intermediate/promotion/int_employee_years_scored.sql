-- Grain: one row per employee per calendar year with at least one employee-month (R8 input).
-- The annual predicate is the R3 matrix applied to the year: hasil kerja from the annual capaian
-- = 100 x sum of credited / sum of target minutes over the year's months (policy_work_result_bands;
-- no target at all counts as SESUAI_EKSPEKTASI, as a month does in R3); behaviour is the most
-- frequent monthly rating (an unrated month counts as SESUAI_EKSPEKTASI, as in R3), ties to the
-- lower rating. Policy rows in force on the year's first day apply.
-- year_fully_covered: all 12 periods of the year are in the warehouse. A year the warehouse saw only
-- in part (e.g. the year it went live) says too little to qualify or block a promotion; within a
-- covered year, the months the employee served are the employee's whole year (joiners, leavers).
with months as (
    select
        nip,
        period,
        cast(substr(period, 1, 4) as integer) as year,
        credited_minutes,
        target_minutes,
        behaviour_rating
    from {{ ref('int_employee_months_scored') }}
),

covered_years as (
    select cast(substr(period, 1, 4) as integer) as year, count(*) as periods_in_warehouse
    from {{ ref('int_periods_summarised') }}
    group by cast(substr(period, 1, 4) as integer)
),

behaviour_counts as (
    select
        nip,
        year,
        behaviour_rating,
        count(*) as n_months,
        -- the rating scale, lowest first (ties go to the lower rating)
        case behaviour_rating
            when 'DI_BAWAH_EKSPEKTASI' then 1
            when 'SESUAI_EKSPEKTASI' then 2
            when 'DI_ATAS_EKSPEKTASI' then 3
        end as rating_order
    from months
    group by nip, year, behaviour_rating
),

annual_behaviour as (
    select nip, year, behaviour_rating
    from (
        select
            b.*,
            row_number() over (
                partition by b.nip, b.year order by b.n_months desc, b.rating_order asc
            ) as behaviour_rank
        from behaviour_counts b
    ) ranked
    where behaviour_rank = 1
),

annual_work as (
    select
        nip,
        year,
        count(*) as months_with_data,
        sum(credited_minutes) as credited_minutes,
        sum(target_minutes) as target_minutes
    from months
    group by nip, year
),

measured as (
    select
        w.nip,
        w.year,
        cast(concat(cast(w.year as string), '-01-01') as date) as year_start,
        cast(w.months_with_data as integer) as months_with_data,
        coalesce(c.periods_in_warehouse, 0) = 12 as year_fully_covered,
        cast(w.credited_minutes as decimal(18, 2)) as credited_minutes,
        cast(w.target_minutes as decimal(18, 2)) as target_minutes,
        case when w.target_minutes > 0 then
            cast(round(100 * {{ eperf.decimal_ratio('w.credited_minutes', 'w.target_minutes') }}, 2) as decimal(9, 2))
        end as capaian_pct,
        b.behaviour_rating
    from annual_work w
    inner join annual_behaviour b on b.nip = w.nip and b.year = w.year
    left join covered_years c on c.year = w.year
),

rated as (
    select
        m.*,
        wr.rating as work_result_rating
    from measured m
    {{ eperf.work_result_band_join('m.capaian_pct', 'm.year_start') }}
)

select
    r.nip,
    r.year,
    r.months_with_data,
    r.year_fully_covered,
    r.credited_minutes,
    r.target_minutes,
    r.capaian_pct,
    r.work_result_rating,
    r.behaviour_rating,
    pm.predicate
from rated r
{{ eperf.predicate_matrix_join('r.year_start') }}
