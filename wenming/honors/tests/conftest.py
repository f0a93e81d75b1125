import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate-limit windows live in the cache; each test starts with none counted.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_remembered_voters():
    # The vote path remembers voters per process; ids are reused between tests on SQLite.
    from wenming.honors.queries import _KNOWN_VOTERS

    _KNOWN_VOTERS.clear()
    yield
    _KNOWN_VOTERS.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Evidence uploaded by a test lands in its own directory, not the project's data folder.
    settings.MEDIA_ROOT = tmp_path / "media"
