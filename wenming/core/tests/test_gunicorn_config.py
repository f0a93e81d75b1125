"""The production gunicorn settings load, serve the app and spread workers as documented."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def _gunicorn(*args, **env):
    return subprocess.run(
        [str(GUNICORN), *args, "-c", "deploy/gunicorn.conf.py", "wenming.wsgi"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_config_and_app_load():
    result = _gunicorn("--check-config")
    assert result.returncode == 0, result.stderr


def test_settings_and_overrides():
    printed = _gunicorn("--print-config", GUNICORN_WORKERS="3", GUNICORN_BIND="127.0.0.1:8123").stdout
    settings = {
        line.split("=", 1)[0].strip(): line.split("=", 1)[1].strip() for line in printed.splitlines() if "=" in line
    }
    assert settings["worker_class"] == "gthread"
    assert settings["reuse_port"] == "True"
    assert settings["workers"] == "3"
    assert settings["bind"] == "['127.0.0.1:8123']"


def test_loaded_app_is_frozen_for_the_collector():
    """Each worker freezes what it loaded at start, so full collections skip it (see wsgi.py)."""
    probe = "import gc, wenming.wsgi; print(gc.get_freeze_count())"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "wenming.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 20_000
