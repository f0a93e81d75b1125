"""Project-wide pytest fixtures: personas, browser, database helpers."""

import pytest
from django.db import connection

from wenming.testing.browser import browser, desktop, phone  # noqa: F401  (re-exported fixtures)
from wenming.testing.personas import make_personas


@pytest.fixture
def personas(db):
    return make_personas()


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("此测试需要 PostgreSQL (needs PostgreSQL: set DATABASE_URL)")
    return True
