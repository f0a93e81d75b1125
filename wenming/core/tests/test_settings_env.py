"""Settings come from the environment; bad values stop start-up naming the variable."""

import os
import subprocess
import sys

import pytest

SECRET = "k3vQz8pL0wRb2Tn6Yc4Hd7Jf1Mg5Xs9Ue3Wa8Oi2-not-a-real-secret-9Kq"


def run_wenming(*args, **env):
    full = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "WENMING_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "wenming", *args], capture_output=True, text=True, env=full, timeout=120
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [("DEBUG", "flase"), ("DATABASE_URL", "mysql://nope"), ("WENMING_ENV", "staging"), ("REDIS_URL", "localhost")],
)
def test_malformed_values_name_the_variable(name, value, tmp_path):
    result = run_wenming("check", **{name: value, "WENMING_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert name in result.stderr


def test_production_requires_secrets(tmp_path):
    result = run_wenming("check", WENMING_ENV="production", WENMING_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_passes_check_deploy(tmp_path):
    result = run_wenming(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        WENMING_ENV="production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="wenming.example.org",
        REDIS_URL="redis://127.0.0.1:6379/0",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        WENMING_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_database_url_is_read(settings):
    from wenming.core.env import database_from_env

    os.environ["WM_TEST_DB"] = "postgres://root@127.0.0.1:5432/wenming"
    try:
        config = database_from_env("WM_TEST_DB", "sqlite:///x")
    finally:
        del os.environ["WM_TEST_DB"]
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "wenming"
    assert config["HOST"] == "127.0.0.1"


def test_development_defaults(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.USE_TZ
