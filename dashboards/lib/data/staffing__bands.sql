-- The PJ and VERDICT rows in force on the first day of $period: those fct_staffing_adequacy
-- classified that month with (macro staffing_band); none for a period that is no YYYY-MM.
-- Policy, not personal data.
select
    band_kind,
    code,
    min_ej::double as min_ej,
    min_inclusive,
    max_ej::double as max_ej,
    max_inclusive,
    legal_basis
from dim_staffing_band
where try_cast($period || '-01' as date)
    between effective_from and coalesce(effective_to, date '9999-12-31')
order by band_kind, min_ej desc nulls last
