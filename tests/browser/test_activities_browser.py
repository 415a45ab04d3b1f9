"""What each person did, in a real browser over the generated demo release (conftest.served):
the employee's statement shows her month's activity reports and that their credited minutes are
the capaian's; a unit head's Tim saya shows their subtree's people and review queue and denies
another unit; a planner's output volumes carry no NIP, name or report text.

The expected figures are read from the published marts (fct_activity_reports,
fct_employee_monthly, dim_org_unit), never from the page itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from dashboards.lib.i18n import fmt_number
from dashboards.lib.users import DEMO_REHSOS_UNIT
from eperf.serving import current_release_dir, mart_source
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, VIEWPORT
from tests.browser.pages import STEP_MS, open_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NIP_TEXT = re.compile(r"\b\d{18}\b")


def _query(data_dir: Path, sql: str, **params: object) -> list[tuple]:
    release = current_release_dir(data_dir / "serving")
    with duckdb.connect() as con:
        for mart in ("fct_activity_reports", "fct_employee_monthly", "dim_org_unit"):
            con.read_parquet(mart_source(release, mart)).create_view(mart)
        return con.execute(sql, params).fetchall()


def _main_text(page) -> str:
    return page.get_by_test_id("stMain").inner_text()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _tab(browser, base: str, username: str):
    tab = browser.new_context(viewport=VIEWPORT).new_page()
    tab.set_default_timeout(STEP_MS)
    sign_in(tab, base, username)
    return tab


def test_employee_sees_her_reports_adding_up_to_her_capaian(served, browser) -> None:
    base, data_dir = served
    tab = _tab(browser, base, "pegawai")
    tab.get_by_role("heading", name="Aktivitas", exact=True).wait_for()
    text = _main_text(tab)
    nip = re.search(r"NIP (\d{18})", text).group(1)
    period = re.search(r"period=(\d{4}-\d{2})", tab.url).group(1)
    ((kept, credited, monthly),) = _query(
        data_dir,
        """select
               (select count(*) from fct_activity_reports
                where nip = $nip and period = $period and not is_deleted),
               (select sum(credited_minutes) from fct_activity_reports
                where nip = $nip and period = $period),
               (select credited_minutes from fct_employee_monthly
                where nip = $nip and period = $period)""",
        nip=nip,
        period=period,
    )
    assert credited == monthly  # the marts agree (the add-up test) ...
    minutes = fmt_number(float(credited), "id", 0 if float(credited).is_integer() else 2)
    # ... and the page says so in her words, with her own figures
    assert f"Jumlah menit diakui dari {fmt_number(kept, 'id')} laporan: {minutes} menit" in text
    assert "berbeda dari capaian" not in text
    assert set(NIP_TEXT.findall(text)) == {nip}  # nobody else's NIP on her statement
    tab.get_by_text("Menit per hari terhadap target dan batas harian").wait_for()


def test_unit_head_sees_the_team_of_the_subtree_only(served, browser) -> None:
    base, data_dir = served
    tab = _tab(browser, base, "pimpinan-rehsos")
    open_page(tab, "tim")
    assert tab.get_by_test_id("stException").count() == 0
    text = _main_text(tab)
    assert "Pegawai dan pekerjaannya" in text and "Antrean verifikasi per atasan" in text
    assert re.search(r"[?&]unit=" + re.escape(DEMO_REHSOS_UNIT) + r"\b", tab.url)
    (outside,) = _query(
        data_dir,
        """select min(u.unit_id) from dim_org_unit as u
           where not exists (select 1 from dim_org_unit as r
                             where r.unit_id = $root
                               and (u.path = r.path or starts_with(u.path, r.path || '/')))""",
        root=DEMO_REHSOS_UNIT,
    )[0]
    tab.goto(f"{base}/tim?unit={outside}")
    tab.get_by_label("Nama pengguna").or_(tab.get_by_text("Akses ditolak")).first.wait_for()
    if tab.get_by_label("Nama pengguna").count():  # a typed address is a new session
        sign_in(tab, base.rstrip("/") + f"/tim?unit={outside}", "pimpinan-rehsos")
    tab.get_by_text("Akses ditolak").first.wait_for()
    assert "Pegawai dan pekerjaannya" not in _main_text(tab)


def test_planner_sees_volumes_without_people(served, browser) -> None:
    base, data_dir = served
    tab = _tab(browser, base, "perencana-rehsos")
    open_page(tab, "output")
    tab.get_by_role("heading", name="Volume kegiatan", exact=True).wait_for()
    text = _main_text(tab)
    assert not NIP_TEXT.findall(text)
    descriptions = [
        d
        for (d,) in _query(
            data_dir,
            "select distinct description from fct_activity_reports "
            "where description is not null limit 50",
        )
    ]
    assert not any(d in text for d in descriptions if len(d) > 12)
