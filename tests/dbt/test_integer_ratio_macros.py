"""The 64-bit ratio macros (eperf.ratio_e16, eperf.e16_product_rounded, eperf.scaled_to_decimal)
give exactly the digits of the 128-bit decimal macros they stand in for (eperf.decimal_ratio,
eperf.decimal_product, eperf.round_half_up and a cast to 6 places): the output allocation
(fct_output_tukin_allocation) pays the same rupiah either way.

Both are compiled by dbt from the project's macros (``dbt compile --inline``) and run in DuckDB on
cases that stress them: every fraction n/d up to d = 60 (thirds, sixths and sevenths whose 16th
decimal rounds down, so a product that is exactly half a rupiah comes out just below it), amounts
that land on such halves, and random operands up to the macros' stated bounds.
"""

from __future__ import annotations

import os

import duckdb
import numpy as np
import pandas as pd
import pytest

from eperf.config import run_dbt

INLINE = """
select
    n, d, x,
    {{ eperf.ratio_e16('n', 'd') }} as share_int,
    cast({{ eperf.decimal_ratio('n', 'd') }} * 10000000000000000 as hugeint) as share_dec,
    {{ eperf.e16_product_rounded('x', eperf.ratio_e16('n', 'd')) }} as idr_int,
    {{ eperf.round_half_up(eperf.decimal_product('x', eperf.decimal_ratio('n', 'd'))) }} as idr_dec,
    {{ eperf.scaled_to_decimal(eperf.e16_product_rounded('x', eperf.ratio_e16('n', 'd'), 6), 6) }}
        as exact6_int,
    cast({{ eperf.decimal_product('x', eperf.decimal_ratio('n', 'd')) }} as decimal(38, 6))
        as exact6_dec,
    {{ eperf.scaled_to_decimal(
        eperf.int_div(eperf.ratio_e16('n', 'd') ~ ' + 500000000000', '1000000000000'), 2, 9) }}
        as pct_int,
    cast(round(100 * {{ eperf.decimal_ratio('n', 'd') }}, 2) as decimal(9, 2)) as pct_dec
from cases
"""


@pytest.fixture(scope="module")
def compiled_sql(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("inline")
    settings = {
        "EPERF_DATA_DIR": str(folder),
        "EPERF_WAREHOUSE": str(folder / "warehouse.duckdb"),
    }
    result = run_dbt(
        "compile",
        "--quiet",
        "--inline",
        INLINE,
        target_path=folder / "target",
        env={**os.environ, **settings},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return result.stdout[result.stdout.index("select") :]


def _cases() -> pd.DataFrame:
    rng = np.random.default_rng(20261204)
    # every fraction up to sixtieths, on amounts of every size and on the amounts that make
    # x * n / d end in exactly half a rupiah (x = d * k + d / 2 over n when that is whole)
    small = [
        (n, d, x)
        for d in range(1, 61)
        for n in range(0, d + 1)
        for x in (0, 1, 3, 4_500_003, 33_240_000, 9_999_999_999)
    ]
    halves = [
        (n, d, (2 * k + 1) * d // (2 * n))
        for d in range(2, 61)
        for n in range(1, d + 1)
        for k in (1, 7, 1_234_567)
        if ((2 * k + 1) * d) % (2 * n) == 0
    ]
    d = rng.integers(1, 45_000_000_000, 150_000)
    n = (rng.random(150_000) * (d + 1)).astype(np.int64).clip(0, d)
    x = rng.integers(0, 10_000_000_000, 150_000)
    # minutes as the allocation sees them (x 100) and nets up to the largest tukin
    dm = rng.integers(1, 2_100_000, 150_000)
    nm = (rng.random(150_000) * (dm + 1)).astype(np.int64).clip(0, dm)
    xm = rng.integers(0, 40_000_000, 150_000)
    frame = pd.DataFrame(small + halves, columns=["n", "d", "x"])
    drawn = pd.DataFrame(
        {"n": np.concatenate([n, nm]), "d": np.concatenate([d, dm]), "x": np.concatenate([x, xm])}
    )
    return pd.concat([frame, drawn], ignore_index=True).astype("int64")


def test_the_64_bit_macros_give_the_decimal_macros_digits(compiled_sql):
    cases = _cases()
    con = duckdb.connect()
    con.register("cases_frame", cases)
    con.execute("create table cases as select * from cases_frame")
    out = con.execute(f"select * from ({compiled_sql}) q").df()
    assert len(out) == len(cases)
    for name in ("share", "idr", "exact6", "pct"):
        differ = out[out[f"{name}_int"] != out[f"{name}_dec"]]
        assert differ.empty, (name, differ.head(5).to_dict("records"))
    # the cases include products of exactly half a rupiah whose share rounds down at 16 places
    small = out[(out.d <= 60) & (out.n > 0)]
    exact_halves = small[(small.x * small.n * 2) % small.d == 0]
    exact_halves = exact_halves[(exact_halves.x * exact_halves.n * 2 // exact_halves.d) % 2 == 1]
    assert (exact_halves.idr_int * exact_halves.d < exact_halves.x * exact_halves.n).sum() > 50


def test_a_share_rounded_down_at_16_decimals_is_kept(compiled_sql):
    """5/6 is 0.8333333333333333 at 16 decimals: 4,500,003 x that is 3,750,002.49999999985, so
    the running balance gives 3,750,002 (as decimal_ratio does), not 3,750,003."""
    con = duckdb.connect()
    con.execute("create table cases as select 5::bigint n, 6::bigint d, 4500003::bigint x")
    row = con.execute(f"select share_int, idr_int, exact6_int, pct_int from ({compiled_sql}) q")
    share, idr, exact6, pct = row.fetchone()
    assert share == 8_333_333_333_333_333
    assert idr == 3_750_002
    assert str(exact6) == "3750002.500000"
    assert str(pct) == "83.33"
