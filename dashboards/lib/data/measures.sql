-- R5 measures over rows f of fct_unit_monthly: one definition for every level and page, so a
-- number never differs between two pages. Rates are computed from sums, never averaged. The
-- group's identity columns come from the query; its headcount and FTE always show, every other
-- figure passes through shown() (suppression.sql). Use: unnest(r5_measures(f)) ... group by.
create temp macro r5_measures(f) as struct_pack(
    headcount := sum(f.headcount)::bigint,
    fte := sum(f.fte)::double,
    workdays := shown(sum(f.workdays)::bigint, sum(f.headcount)),
    hadir_days := shown(sum(f.hadir_days)::bigint, sum(f.headcount)),
    tk_days := shown(sum(f.tk_days)::bigint, sum(f.headcount)),
    leave_days := shown(sum(f.leave_days)::bigint, sum(f.headcount)),
    tl_count := shown(sum(f.tl_count)::bigint, sum(f.headcount)),
    psw_count := shown(sum(f.psw_count)::bigint, sum(f.headcount)),
    avg_capaian_pct := shown(
        sum(f.capaian_pct_sum)::double / nullif(sum(f.capaian_pct_n), 0), sum(f.headcount)
    ),
    n_sangat_baik := shown(sum(f.n_sangat_baik)::bigint, sum(f.headcount)),
    n_baik := shown(sum(f.n_baik)::bigint, sum(f.headcount)),
    n_butuh_perbaikan := shown(sum(f.n_butuh_perbaikan)::bigint, sum(f.headcount)),
    n_kurang := shown(sum(f.n_kurang)::bigint, sum(f.headcount)),
    n_sangat_kurang := shown(sum(f.n_sangat_kurang)::bigint, sum(f.headcount)),
    tukin_potential_idr := shown(sum(f.tukin_potential_idr)::bigint, sum(f.headcount)),
    tukin_net_idr := shown(sum(f.tukin_net_idr)::bigint, sum(f.headcount)),
    attendance_rate_pct := shown(
        100 * sum(f.hadir_days)::double / nullif(sum(f.hadir_days) + sum(f.tk_days), 0),
        sum(f.headcount)
    ),
    tk_rate_pct := shown(
        100 * sum(f.tk_days)::double / nullif(sum(f.workdays), 0), sum(f.headcount)
    ),
    realisation_pct := shown(
        100 * sum(f.tukin_net_idr)::double / nullif(sum(f.tukin_potential_idr), 0),
        sum(f.headcount)
    ),
    suppressed := suppressed(sum(f.headcount))
);

-- TL and PSW occurrences of one employee-month m (fct_employee_monthly): its four R2 bands
-- summed, as fct_unit_monthly counts them for a unit.
create temp macro employee_tl_count(m) as
    (m.tl1_count + m.tl2_count + m.tl3_count + m.tl4_count)::bigint;

create temp macro employee_psw_count(m) as
    (m.psw1_count + m.psw2_count + m.psw3_count + m.psw4_count)::bigint;
