import pytest
from django.core.cache import cache

from .fake_server import APP_ID, APP_SECRET, FakeWechat

TOKEN = "wenming-callback-token"
# 43 characters, as WeChat issues them.
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"


@pytest.fixture(scope="session")
def _fake_server():
    server = FakeWechat().start()
    yield server
    server.stop()


@pytest.fixture
def fake_wechat(_fake_server, settings):
    """The fake WeChat API on 127.0.0.1 with the account configured to use it; a clean cache."""
    _fake_server.calls.clear()
    _fake_server.codes.clear()
    _fake_server.revoked.clear()
    _fake_server.token_delay = 0.0
    _fake_server.expires_in = 7200
    settings.WECHAT = {
        "APP_ID": APP_ID,
        "APP_SECRET": APP_SECRET,
        "TOKEN": TOKEN,
        "ENCODING_AES_KEY": AES_KEY,
        "API_BASE_URL": _fake_server.url,
    }
    cache.clear()
    yield _fake_server
    cache.clear()


@pytest.fixture
def wechat_off(settings):
    settings.WECHAT = {"APP_ID": "", "APP_SECRET": "", "TOKEN": "", "ENCODING_AES_KEY": "", "API_BASE_URL": ""}
    cache.clear()
    return settings.WECHAT
