import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate-limit windows live in the cache; each test starts with none counted.
    cache.clear()
    yield
    cache.clear()
