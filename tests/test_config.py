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


def test_every_setting_has_its_deployed_default(tmp_path):
    settings = Settings.from_env({"EPERF_DATA_DIR": str(tmp_path)})
    assert (settings.duckdb_memory_limit, settings.log_level, settings.chromium) == (
        "4GB",
        "WARNING",
        "/usr/bin/chromium",
    )
    assert (settings.punch_files_per_slice, settings.punch_bytes_per_slice) == (1000, 24 * 2**20)
    assert (settings.ingest_overlap_minutes, settings.gx_rows_per_slice) == (60, 1_000_000)
    assert (settings.source_attempts, settings.source_backoff_seconds) == (4, 2.0)
    assert settings.source_backoff_max_seconds == 30.0
    assert (settings.partitions_start, settings.freshness_hours) == ("2024-01-01", 72.0)
    assert settings.close_day is settings.dagster_home is settings.dagster_pg_url is None
    assert settings.user is settings.users_file is settings.session_minutes is None
    assert settings.pause_at is settings.pause_marker is settings.dbt_target_path is None
    assert settings.demo_login is False


def test_the_tuning_variables_are_read_and_handed_on(tmp_path):
    env = {
        "EPERF_DATA_DIR": str(tmp_path),
        "EPERF_PUNCH_FILES_PER_SLICE": "7",
        "EPERF_SOURCE_ATTEMPTS": "0",  # at least one attempt
        "EPERF_CLOSE_DAY": "5",
        "EPERF_DEMO_LOGIN": "Yes",
        "EPERF_SESSION_MINUTES": "lama",  # not a number: the dashboard keeps its default
        "EPERF_USERS_FILE": str(tmp_path / "u.toml"),
        "DAGSTER_HOME": str(tmp_path / "dh"),
    }
    settings = Settings.from_env(env)
    assert (settings.punch_files_per_slice, settings.source_attempts) == (7, 1)
    assert (settings.close_day, settings.demo_login, settings.session_minutes) == (5, True, None)
    assert settings.users_file == tmp_path / "u.toml"
    assert Settings.from_env(settings.as_env()) == settings
    # A default is not handed on: a child keeps the value of its own environment.
    assert "EPERF_LOG_LEVEL" not in settings.as_env()
    assert settings.as_env()["EPERF_PUNCH_FILES_PER_SLICE"] == "7"


def test_located_at_moves_the_data_and_keeps_the_tuning(tmp_path):
    settings = Settings.from_env(
        {"EPERF_WAREHOUSE": "/elsewhere/w.duckdb", "EPERF_LOG_LEVEL": "INFO", "EPERF_USER": "ani"}
    )
    moved = settings.located_at(tmp_path)
    assert moved == Settings.from_env(
        {"EPERF_DATA_DIR": str(tmp_path), "EPERF_LOG_LEVEL": "INFO", "EPERF_USER": "ani"}
    )
    assert moved.warehouse == tmp_path / "warehouse.duckdb"
