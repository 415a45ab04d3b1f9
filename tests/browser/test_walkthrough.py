"""Every demo role, every page of the role, in a 1280 × 900 window, in Bahasa Indonesia.

Per page: no error box; no ``None``/``nan`` and no English words (those the English UI strings
use and the Indonesian ones never do) in the page, its sidebar and its charts; no table whose
key (first) column starts outside the window and no sideways scrolling; the period's status
(open or closed) visible. Per chart: a legend wherever colour tells series apart, the legend
clear of the plot area, no raw code (``KURANG_PEGAWAI``), no money written with Plotly's
``20M``/``20k`` or an English suffix, and no decimal point where Indonesian writes a comma.
A screenshot of each page goes to the test's tmp folder (the minister's pages are the documented
ones: test_dashboard_browser.py saves them).

Each role signs in once (a context per role, kept for the module) and opens its pages through
the sidebar, as a user does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboards.lib.access import Role, pages_for
from dashboards.lib.i18n import STRINGS
from dashboards.lib.users import demo_accounts
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, VIEWPORT
from tests.browser.pages import STEP_MS, open_page, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# (username, role) of every demo account EPERF_DEMO_LOGIN=1 writes (the unit and the NIP only
# decide whether the EVALUATOR_RB and PEGAWAI accounts exist; demo mode has both).
DEMO_ROLES = [(name, role) for name, role, _, _ in demo_accounts("ROOT", "NIP")]
CASES = [
    pytest.param(name, page_id.value, id=f"{name}-{page_id.value}")
    for name, role in DEMO_ROLES
    for page_id in pages_for(role)
]
LANDING = {name: pages_for(role)[0].value for name, role in DEMO_ROLES}


RAW_CODE = re.compile(r"\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b")
MISSING_WORDS = re.compile(r"\b(None|nan|NaN|undefined|NaT)\b")
# Plotly's own abbreviations (20M, 1.5k: read as miliar and as English) and the English
# suffixes of formats.money_short.
SI_SUFFIX = re.compile(r"\d[kMGT]\b")
ENGLISH_MONEY = re.compile(r"Rp\s?-?[\d.,]+\s?(k|m|bn|tn)\b")
# A number whose last mark is a point followed by other than three digits (``0.5``, ``12.25``),
# or a point after a leading zero (``0.814``): a decimal point. ``1.234`` is a thousands group.
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)+(?![\w])")
PERIOD_STATUS = re.compile(r"Periode (terbuka|ditutup)|\b(TERBUKA|DITUTUP)\b")
# Streamlit's own English, which a page shows only if it forgot to pass a placeholder or label.
STREAMLIT_ENGLISH = ("Choose an option", "No results", "No options to select")


def _english_only_words() -> frozenset[str]:
    """Words of four letters or more that the English UI strings use and no Indonesian string
    does: seeing one in Indonesian mode means an untranslated text."""

    def words(text: str) -> set[str]:
        return {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}

    english: set[str] = set()
    indonesian: set[str] = set()
    for texts in STRINGS.values():
        english |= words(str(texts.get("en", "")))
        indonesian |= words(str(texts.get("id", "")))
    return frozenset(english - indonesian)


ENGLISH_WORDS = _english_only_words()


def _dot_decimals(text: str) -> list[str]:
    """The numbers of ``text`` written with a decimal point."""
    found = []
    for token in NUMBER.findall(text):
        last = max(token.rfind("."), token.rfind(","))
        digits_after = len(token) - last - 1
        if token[last] == "." and (digits_after != 3 or re.match(r"0\.", token)):
            found.append(token)
    return found


CHARTS_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')]
  .map(el => {
    const box = r => { const b = r.getBoundingClientRect();
                       return {x: b.x, y: b.y, w: b.width, h: b.height}; };
    const legend = el.querySelector('.legend');
    const series = (el._fullData || []).filter(t =>
      (t.type === 'bar' || t.type === 'scatter') && t.visible !== false);
    const colours = new Set();
    for (const t of series) {
      const c = (t.marker && t.marker.color) || (t.line && t.line.color);
      for (const one of (Array.isArray(c) ? c : [c])) if (one) colours.add(one);
    }
    return {
      texts: [...el.querySelectorAll('svg text')].map(t => t.textContent).filter(Boolean),
      colours: colours.size,
      legendItems: legend ? legend.querySelectorAll('.traces').length : 0,
      legend: legend ? box(legend) : null,
      plots: [...el.querySelectorAll('.draglayer .nsewdrag')].map(box),
    };
  })"""

# The text a reader sees, without the names of Material icons (``account_circle``).
TEXT_JS = """selector => {
  const root = document.querySelector(selector);
  const icons = [...root.querySelectorAll('span, i')]
    .filter(el => el.dataset.testid === 'stIconMaterial'
                  || getComputedStyle(el).fontFamily.includes('Material'))
    .map(icon => icon.textContent.trim()).filter(Boolean);
  let text = root.innerText;
  for (const name of new Set(icons)) text = text.split(name).join(' ');
  return text;
}"""

LAYOUT_JS = """() => ({
  scrollWidth: document.documentElement.scrollWidth,
  mainScrollWidth: document.querySelector('[data-testid="stMain"]').scrollWidth,
  mainWidth: document.querySelector('[data-testid="stMain"]').clientWidth,
  grids: [...document.querySelectorAll('[data-testid="stDataFrame"]')].map(g => {
    const b = g.getBoundingClientRect(); return {x: b.x, w: b.width}; }),
})"""


class Walk:
    """One signed-in browser context per demo account, and the page last opened in it."""

    def __init__(self, browser, base: str, folder: Path) -> None:
        self.browser, self.base, self.folder = browser, base, folder
        self.tabs: dict[str, object] = {}  # username → its signed-in browser tab
        self.opened: dict[tuple[str, str], dict] = {}

    def open(self, username: str, page_id: str) -> dict:
        """Open ``page_id`` as ``username`` (signing in the first time), save its screenshot
        and return what the assertions read: its texts, its charts and its layout."""
        key = (username, page_id)
        if key in self.opened:
            return self.opened[key]
        tab = self.tabs.get(username)
        if tab is None:  # signing in opens the landing page (a one-page role has no menu)
            tab = self.browser.new_context(viewport=VIEWPORT).new_page()
            tab.set_default_timeout(STEP_MS)
            sign_in(tab, self.base, username)
            self.tabs[username] = tab
        if page_id != LANDING[username] or any(u == username for u, _ in self.opened):
            open_page(tab, "" if page_id == LANDING[username] else page_id)
        tab.wait_for_timeout(500)  # the last chart's drawing
        screenshot(tab, self.folder / f"{username}-{page_id}.png")
        self.opened[key] = {
            "errors": tab.get_by_test_id("stException").count(),
            "main": tab.evaluate(TEXT_JS, '[data-testid="stMain"]'),
            "sidebar": tab.evaluate(TEXT_JS, '[data-testid="stSidebar"]'),
            "charts": tab.evaluate(CHARTS_JS),
            "layout": tab.evaluate(LAYOUT_JS),
            "status_visible": tab.get_by_text(PERIOD_STATUS).first.is_visible()
            if tab.get_by_text(PERIOD_STATUS).count()
            else False,
        }
        return self.opened[key]


@pytest.fixture(scope="module")
def walk(served, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Walk]:
    from playwright.sync_api import sync_playwright

    base, _ = served
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield Walk(browser, base, tmp_path_factory.mktemp("walkthrough"))
        finally:
            browser.close()


def test_every_demo_role_is_walked() -> None:
    assert {role for _, role in DEMO_ROLES} == set(Role)
    assert len(CASES) == sum(len(pages_for(role)) for _, role in DEMO_ROLES)


# --- what the charts control: asserted now ----------------------------------------------------


@pytest.mark.parametrize(("username", "page_id"), CASES)
def test_page_opens_and_fits_1280(walk: Walk, username: str, page_id: str) -> None:
    seen = walk.open(username, page_id)
    assert seen["errors"] == 0
    layout = seen["layout"]
    assert layout["scrollWidth"] <= VIEWPORT["width"], "the window scrolls sideways"
    assert layout["mainScrollWidth"] <= layout["mainWidth"] + 1, "the page scrolls sideways"
    for grid in layout["grids"]:  # the key column is a table's first: it starts in the window
        assert grid["x"] >= 0 and grid["x"] + min(grid["w"], 160) <= VIEWPORT["width"], grid


@pytest.mark.parametrize(("username", "page_id"), CASES)
def test_charts_tell_the_truth(walk: Walk, username: str, page_id: str) -> None:
    for index, chart in enumerate(walk.open(username, page_id)["charts"]):
        where = f"chart {index}"
        text = " ¦ ".join(chart["texts"])
        if chart["colours"] > 1:
            assert chart["legendItems"] >= 2, f"{where}: colours without a legend"
        if chart["legend"]:
            legend = chart["legend"]
            for plot in chart["plots"]:
                overlaps = (
                    legend["x"] < plot["x"] + plot["w"] - 1
                    and plot["x"] < legend["x"] + legend["w"] - 1
                    and legend["y"] < plot["y"] + plot["h"] - 1
                    and plot["y"] < legend["y"] + legend["h"] - 1
                )
                assert not overlaps, f"{where}: the legend covers the data"
        assert not RAW_CODE.findall(text), f"{where}: {RAW_CODE.findall(text)}"
        assert not MISSING_WORDS.findall(text), f"{where}: {text}"
        assert not SI_SUFFIX.findall(text), f"{where}: {SI_SUFFIX.findall(text)}"
        assert not ENGLISH_MONEY.findall(text), f"{where}: {text}"
        assert not _dot_decimals(text), f"{where}: {_dot_decimals(text)}"


@pytest.mark.parametrize(("username", "page_id"), CASES)
def test_page_has_no_missing_values_or_english(walk: Walk, username: str, page_id: str) -> None:
    seen = walk.open(username, page_id)
    texts = [seen["main"], seen["sidebar"], *(" ".join(c["texts"]) for c in seen["charts"])]
    everything = "\n".join(texts)
    assert not MISSING_WORDS.findall(everything), MISSING_WORDS.findall(everything)
    english = sorted(
        {w for w in re.findall(r"[A-Za-z]{4,}", everything) if w.lower() in ENGLISH_WORDS}
    )
    assert not english, english
    assert not [s for s in STREAMLIT_ENGLISH if s in everything]


# --- what other work puts in place: expected to pass once merged ------------------------------


@pytest.mark.parametrize(("username", "page_id"), CASES)
def test_page_shows_no_raw_code(walk: Walk, username: str, page_id: str) -> None:
    seen = walk.open(username, page_id)
    codes = sorted(set(RAW_CODE.findall(seen["main"] + "\n" + seen["sidebar"])))
    assert not codes, codes


@pytest.mark.parametrize(("username", "page_id"), CASES)
def test_page_shows_the_period_status(walk: Walk, username: str, page_id: str) -> None:
    assert walk.open(username, page_id)["status_visible"]
