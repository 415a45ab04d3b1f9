"""Configuration: contract variables win, embedded defaults live under EPERF_DATA_DIR."""

from pathlib import Path

from eperf.config import Settings


def test_defaults_live_under_the_data_dir(tmp_path):
    settings = Settings.from_env({"EPERF_DATA_DIR": str(tmp_path)})
    assert settings.simpeg_url == f"sqlite:///{tmp_path / 'sources' / 'simpeg.sqlite'}"
    assert settings.attendance_dir == tmp_path / "sources" / "attendance"
    assert settings.warehouse == tmp_path / "warehouse.duckdb"
    assert settings.rule_set == "kemensos-2024"


def test_contract_variables_override_defaults(tmp_path):
    env = {
        "EPERF_SIMPEG_URL": "postgresql+psycopg2://u@h/simpeg",
        "EPERF_APP_URL": "mysql+pymysql://u@h/app",
        "EPERF_ATTENDANCE_DIR": str(tmp_path / "att"),
        "EPERF_WAREHOUSE": str(tmp_path / "w.duckdb"),
    }
    settings = Settings.from_env(env)
    assert settings.simpeg_url == env["EPERF_SIMPEG_URL"]
    assert settings.app_url == env["EPERF_APP_URL"]
    assert settings.attendance_dir == Path(env["EPERF_ATTENDANCE_DIR"])
    assert Settings.from_env(settings.as_env()) == settings
