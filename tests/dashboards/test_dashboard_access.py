"""Sign-in, lockout, session expiry, the pages of each role, and scope enforcement seen through
the whole app (AppTest)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboards.lib import auth, users
from dashboards.lib.access import ROLE_PAGES
from tests.dashboards.conftest import ACCOUNTS, EMPLOYEES, NIP, password_of
from tests.dashboards.helpers import (
    APP,
    PAGE_FILES,
    new_app,
    open_page,
    personal_data_in,
    rendered_text,
    sign_in,
    submit_login,
    titles,
)

PAGE_TITLES = {
    "ringkasan": "Ringkasan",
    "telusuri": "Telusuri",
    "pegawai": "Slip pegawai",
    "tim": "Tim saya",
    "kualitas": "Kualitas data",
    # --- leadership pages ---
    "kedisiplinan": "Kedisiplinan",
    "kinerja": "Kinerja",
    "beban_kerja": "Beban kerja",
    "promosi": "Promosi",
    "indikator_rb": "Indikator RB",
    "output": "Output & Anggaran",
    "pengembangan": "Pengembangan",
}
INJECTIONS = ("' OR 1=1 --", "x'; DROP TABLE t; --", "KEMENSOS/%", "%")


def _assert_sign_in_form_only(at) -> None:
    assert not at.exception
    assert titles(at) == ["Masuk"]
    assert at.text_input(key="login_username") is not None
    assert not at.metric
    assert not at.dataframe
    assert not at.sidebar.selectbox  # no period filter: nothing is read before sign-in
    assert personal_data_in(at) == []


def test_unauthenticated_sees_only_the_sign_in_form(serving_dir: Path) -> None:
    at = new_app().run()
    _assert_sign_in_form_only(at)
    assert at.button(key="login_submit").label == "Masuk"
    assert "Biro Umum" not in rendered_text(at)


def test_unauthenticated_deep_link_shows_no_data(serving_dir: Path) -> None:
    at = new_app({"unit": "BIRO_UMUM", "nip": NIP["A"], "period": "2025-02"}).run()
    _assert_sign_in_form_only(at)


def test_without_users_file_nobody_can_sign_in(serving_dir: Path, users_file: Path) -> None:
    users_file.unlink()
    at = new_app().run()
    assert not at.exception
    assert len(at.warning) == 1
    assert "eperf users add" in at.warning[0].value
    assert "Belum ada pengguna" in at.warning[0].value
    assert not at.text_input  # no form: deny, don't open up
    assert not at.metric


def test_unreadable_users_file_denies(serving_dir: Path, users_file: Path) -> None:
    users_file.write_text("[users\nbroken", encoding="utf-8")
    at = new_app().run()
    assert not at.exception
    assert at.error and "tidak dapat dibaca" in at.error[0].value
    assert not at.text_input


def test_wrong_password_is_refused(serving_dir: Path) -> None:
    at = new_app().run()
    submit_login(at, "menteri", "salah")
    assert not at.exception
    assert at.error[0].value == "Nama pengguna atau kata sandi salah."
    assert "auth_username" not in at.session_state
    assert not at.metric
    submit_login(at, "tidak-ada", "salah")  # unknown user: the same message
    assert at.error[0].value == "Nama pengguna atau kata sandi salah."


FREE_FAILURES = 5  # EPERF_LOGIN_FREE_FAILURES' default


def test_five_failures_make_the_username_wait(
    serving_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EPERF_LOGIN_DELAY_SECONDS", "60")  # longer than this test runs
    at = new_app().run()
    for _ in range(FREE_FAILURES - 1):
        submit_login(at, "menteri", "salah")
        assert "Terlalu banyak" not in at.error[0].value
    submit_login(at, "menteri", "salah")
    assert "Terlalu banyak percobaan gagal" in at.error[0].value
    assert "Coba lagi dalam 60 detik" in at.error[0].value
    # Waiting: even the right password is refused, in this or another session (same address) …
    submit_login(at, "menteri", password_of("menteri"))
    assert "Terlalu banyak percobaan gagal" in at.error[0].value
    assert "auth_username" not in at.session_state
    other = submit_login(new_app().run(), "menteri", password_of("menteri"))
    assert "Terlalu banyak percobaan gagal" in other.error[0].value
    # … while other usernames are not affected.
    assert titles(sign_in("pimpinan-setjen")) == ["Ringkasan"]


def test_the_wait_ends_and_grows(serving_dir: Path) -> None:
    accounts = users.load_users(users.users_file())
    start = 1_000_000.0
    for _ in range(FREE_FAILURES):
        outcome, _user = auth.authenticate(accounts, "menteri", "salah", now=start)
    assert outcome is auth.Outcome.THROTTLED
    right = password_of("menteri")
    later = start + 5 - 1  # EPERF_LOGIN_DELAY_SECONDS' default: 5
    assert auth.authenticate(accounts, "menteri", right, now=later)[0] is auth.Outcome.THROTTLED
    # One more failure after the wait doubles it; the right password after that signs in.
    assert auth.authenticate(accounts, "menteri", "salah", now=start + 5)[0] is (
        auth.Outcome.THROTTLED
    )
    waiting = start + 5 + 10 - 1
    assert auth.authenticate(accounts, "menteri", right, now=waiting)[0] is auth.Outcome.THROTTLED
    after = start + 5 + 10
    assert auth.authenticate(accounts, "menteri", right, now=after)[0] is auth.Outcome.SIGNED_IN


def test_idle_session_expires(serving_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(auth.SESSION_MINUTES_ENV, "10")
    at = sign_in("menteri")
    at.session_state[auth.LAST_SEEN_KEY] = time.time() - 9 * 60
    at.run()
    assert titles(at) == ["Ringkasan"]  # activity within 10 minutes keeps the session
    at.session_state[auth.LAST_SEEN_KEY] = time.time() - 11 * 60
    at.run()
    _assert_sign_in_form_only(at)
    assert "Sesi Anda berakhir" in at.info[0].value
    assert "auth_username" not in at.session_state


def test_default_expiry_is_30_minutes(serving_dir: Path) -> None:
    at = sign_in("menteri")
    at.session_state[auth.LAST_SEEN_KEY] = time.time() - 29 * 60
    assert titles(at.run()) == ["Ringkasan"]
    at.session_state[auth.LAST_SEEN_KEY] = time.time() - 31 * 60
    _assert_sign_in_form_only(at.run())


def test_sign_out(serving_dir: Path) -> None:
    at = sign_in("menteri")
    at.sidebar.button(key="sign_out").click().run()
    _assert_sign_in_form_only(at)
    assert at.info[0].value == "Anda telah keluar."


def test_removed_account_is_signed_out(serving_dir: Path, users_file: Path) -> None:
    at = sign_in("pimpinan-setjen")
    users.remove_user(users_file, "pimpinan-setjen")
    _assert_sign_in_form_only(at.run())


@pytest.mark.parametrize("username", list(ACCOUNTS))
def test_each_role_sees_only_its_pages(serving_dir: Path, username: str) -> None:
    role = ACCOUNTS[username][0]
    allowed = {page.value for page in ROLE_PAGES[role]}
    at = sign_in(username)
    assert titles(at) == [PAGE_TITLES[ROLE_PAGES[role][0].value]]  # the role's landing page
    for page in PAGE_FILES:
        if page in allowed:
            open_page(at, page)
            assert not at.exception, (username, page, at.exception)
            assert titles(at) == [PAGE_TITLES[page]]
            assert not [e.value for e in at.error], (username, page)
        else:
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(PAGE_FILES[page])


@pytest.mark.parametrize(
    ("page", "username"),
    [
        ("telusuri", "admin"),
        ("pegawai", "evaluator"),
        ("kualitas", "pimpinan-setjen"),
        ("ringkasan", "pegawai-b"),
        ("telusuri", None),
    ],
)
def test_page_guard_denies_a_role_without_the_page(
    serving_dir: Path, page: str, username: str | None
) -> None:
    """Defence in depth: each page checks the role itself, whatever the navigation offered."""
    at = AppTest.from_file(str(APP.parent / PAGE_FILES[page]), default_timeout=30)
    if username is not None:
        at.session_state[auth.USER_KEY] = username
        at.session_state[auth.LAST_SEEN_KEY] = time.time()
    at.query_params.update({"unit": "BIRO_UMUM", "nip": NIP["A"]})
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Akses ditolak: peran Anda tidak dapat membuka halaman ini."
    ]
    assert not at.metric and not at.dataframe
    assert personal_data_in(at) == []


def test_unit_head_cannot_reach_another_unit(serving_dir: Path) -> None:
    at = sign_in("pimpinan-setjen")
    for unit in ("REHSOS", "DIT_ANAK", "KEMENSOS", "REHSOSX", *INJECTIONS):
        open_page(at, "telusuri", {"unit": unit, "period": "2025-02"})
        assert not at.exception, unit
        assert at.error[0].value.startswith("Akses ditolak"), unit
        assert not at.metric and not at.dataframe, unit
        text = rendered_text(at)
        assert "Rehabilitasi" not in text and "Rehsos" not in text, unit
        assert personal_data_in(at, "FG") == [], unit
    for key in ("F", "G"):
        open_page(at, "pegawai", {"nip": NIP[key], "period": "2025-02"})
        assert not at.exception
        assert at.error[0].value.startswith("Akses ditolak")
        assert not at.metric and not at.dataframe
        assert personal_data_in(at, "FG") == []


def test_unit_head_search_finds_only_own_employees(serving_dir: Path) -> None:
    at = open_page(sign_in("pimpinan-setjen"), "pegawai")
    picker = at.selectbox(key="pegawai_nip")
    assert sorted(picker.options) == sorted(
        f"{name} — {nip}" for nip, name in (EMPLOYEES[k] for k in "ABCDE")
    )
    for text in ("Fitri", NIP["F"], *INJECTIONS):
        at.text_input(key="pegawai_search").input(text).run()
        assert not at.exception, text
        assert not at.error, text
        assert at.selectbox(key="pegawai_nip").options == [], text
        assert personal_data_in(at, "FG") == [], text


def test_injection_in_the_period_param_is_ignored(serving_dir: Path) -> None:
    at = sign_in("menteri", {"period": "2025-01' OR 1=1 --"})
    assert not at.exception
    assert at.sidebar.selectbox(key="period").value == "2025-02"


@pytest.mark.parametrize("username", ["evaluator", "perencana-setjen"])
def test_roles_without_personal_data_never_see_a_nip_or_a_name(
    serving_dir: Path, username: str
) -> None:
    at = sign_in(username)
    seen = []
    for period in ("2025-01", "2025-02"):
        at.sidebar.selectbox(key="period").set_value(period).run()
        seen += personal_data_in(open_page(at, "ringkasan"))
        for unit in ("KEMENSOS", "SETJEN", "BIRO_UMUM", "REHSOS", "DIT_ANAK"):
            open_page(at, "telusuri", {"unit": unit, "period": period})
            assert not at.exception
            seen += personal_data_in(at)
    assert seen == []
    open_page(at, "telusuri", {"unit": "BIRO_UMUM"})
    assert "peran Anda tidak mencakup data pribadi" in rendered_text(at)
