"""The project's Redis cache backend and the hot-path cursor."""

import pytest
import redis
from django.db import DatabaseError, connection

from wenming.core.cache import RedisCache
from wenming.core.db import hot_cursor

LOCATION = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_cache():
    try:
        redis.Redis.from_url(LOCATION).ping()
    except redis.ConnectionError:
        pytest.fail(
            "Redis is part of the production stack and must run for this test (redis://127.0.0.1:6379)"
        )
    cache = RedisCache(LOCATION, {})
    cache.clear()
    yield cache
    cache.clear()


def test_redis_cache_keeps_one_client_per_pool_and_works(redis_cache):
    inner = redis_cache._cache
    assert inner.get_client() is inner.get_client()
    assert inner.get_client(write=True) is inner.get_client(write=True)
    redis_cache.set("k", {"a": 1}, 30)
    assert redis_cache.get("k") == {"a": 1}
    assert redis_cache.add("k", 2) is False
    assert redis_cache.incr("n", 1) if redis_cache.add("n", 1) else True
    assert redis_cache.get("n") == 2


@pytest.mark.django_db
def test_hot_cursor_answers_like_django_and_wraps_errors():
    for _ in range(7):  # past psycopg's threshold, where the statement is prepared on PostgreSQL
        with hot_cursor() as cursor:
            cursor.execute("SELECT %s + 1", [41])
            assert cursor.fetchone()[0] == 42
    with pytest.raises(DatabaseError), hot_cursor() as cursor:
        cursor.execute("SELECT no_such_column FROM people_user")


@pytest.mark.django_db
def test_hot_cursor_binds_on_the_server_on_postgres(on_postgres):
    for _ in range(3):
        with hot_cursor() as cursor:
            cursor.execute("SELECT %s::int * 2", [21])
            assert cursor.fetchone()[0] == 42
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%* 2%"])
        assert cursor.fetchone()[0] == 1
