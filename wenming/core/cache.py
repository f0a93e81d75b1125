"""The Redis cache backend the project configures: Django's, keeping one client per pool.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` object (with its ~170
response callbacks) on every cache call. Every logged-in request reads its session from the
cache, so on the popular vote that construction was a measurable share of the app server's CPU.
A ``redis.Redis`` over a connection pool is safe to share between threads, so one per pool will do.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            # Racing threads may both build one; either is fine, the pool is the same.
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
