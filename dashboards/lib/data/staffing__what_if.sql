-- The Beban Kerja what-if (R6, PermenPAN-RB 1/2020): $moved_fte FTE moved from $from_unit_id to
-- $to_unit_id in $period at level $staff_scope, the workload held. As EJ = workload ÷ (FTE ×
-- minutes per FTE-month), the EJ after is EJ × FTE ÷ (FTE + moved), rounded as the mart rounds
-- it (4 decimals); a unit left with no FTE has no EJ. "Before" is the mart's own EJ, band and
-- verdict; "after" is classified with the dim_staffing_band rows the mart used (in force on the
-- period's first day, each bound exclusive unless its *_inclusive flag is set, a null bound
-- open: macro staffing_band). Units outside the scope or suppressed give no row.
with moves as (
    select 1 as position, $from_unit_id as unit_id, -$moved_fte::double as moved_fte
    union all
    select 2 as position, $to_unit_id as unit_id, $moved_fte::double as moved_fte
),

units as (
    select
        mv.position,
        s.unit_id,
        s.fte_actual::double as fte_actual,
        s.fte_needed::double as fte_needed,
        s.ej,
        s.pj_band,
        s.verdict,
        mv.moved_fte,
        case
            when mv.moved_fte = 0 then s.ej::decimal(18, 4)
            when s.fte_actual + mv.moved_fte > 0
                then cast(
                    s.ej::decimal(18, 4) * s.fte_actual::decimal(18, 4)
                    / (s.fte_actual::decimal(18, 4) + mv.moved_fte::decimal(18, 4))
                    as decimal(18, 4)
                )
        end as ej_after
    from moves as mv
    inner join fct_staffing_adequacy as s on s.unit_id = mv.unit_id
    inner join scope_units as u on u.unit_id = s.unit_id
    left join unit_heads as h
        on h.unit_id = s.unit_id and h.period = s.period and h.scope = s.scope
    where s.period_grain = 'MONTH'
        and s.period = $period
        and s.scope = $staff_scope
        and not suppressed(h.headcount)
),

bands as (
    select b.band_kind, b.code, b.min_ej, b.min_inclusive, b.max_ej, b.max_inclusive
    from dim_staffing_band as b
    where try_cast($period || '-01' as date)
        between b.effective_from and coalesce(b.effective_to, date '9999-12-31')
),

classified as (
    select
        n.position,
        b.band_kind,
        min(b.code) as code
    from units as n
    inner join bands as b
        on (
            b.min_ej is null
            or n.ej_after > b.min_ej
            or (b.min_inclusive and n.ej_after = b.min_ej)
        )
        and (
            b.max_ej is null
            or n.ej_after < b.max_ej
            or (b.max_inclusive and n.ej_after = b.max_ej)
        )
    group by n.position, b.band_kind
)

select
    n.unit_id,
    n.fte_actual as fte_before,
    n.fte_actual + n.moved_fte as fte_after,
    n.ej::double as ej_before,
    n.ej_after::double as ej_after,
    n.fte_needed - (n.fte_actual + n.moved_fte) as gap_after,
    n.pj_band as pj_band_before,
    pj.code as pj_band_after,
    n.verdict as verdict_before,
    verdict.code as verdict_after
from units as n
left join classified as pj on pj.position = n.position and pj.band_kind = 'PJ'
left join classified as verdict on verdict.position = n.position and verdict.band_kind = 'VERDICT'
order by n.position
