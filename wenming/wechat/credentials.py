"""The access token and the JS-SDK ticket, cached centrally and refreshed before they expire.

WeChat allows a limited number of token fetches a day and a new token invalidates the old one
after a short grace period, so every process must share one copy. The copy lives in Django's cache
(Redis in production). When it nears expiry one process takes a cache lock (``cache.add`` is
atomic on Redis and on the local cache) and fetches; the others keep using the still-valid old
value, or wait briefly for the new one when there is none. ``wenming wechat-refresh`` lets a
timer refresh ahead of time so requests almost never fetch at all.
"""

import time
from collections.abc import Callable

from django.core.cache import cache

from . import sdk
from .conf import Account, account

# Refresh this long before expiry (WeChat tokens live 7200 s).
REFRESH_MARGIN = 600
# A fetch that takes longer than this is presumed dead; its lock lapses and another may try.
LOCK_SECONDS = 30
# How long a process without a usable value waits for the one refreshing it.
WAIT_SECONDS = 10
POLL_SECONDS = 0.05


class Credential:
    """One cached secret (token or ticket) and how to fetch it."""

    def __init__(self, name: str, fetch: Callable[[Account], tuple[str, int]]):
        self.name = name
        self._fetch = fetch

    def key(self, acct: Account) -> str:
        return f"wechat:{acct.app_id}:{self.name}"

    def peek(self, acct: Account | None = None) -> dict | None:
        """The cached entry ``{"value", "expires_at"}`` or None (for pages and tests)."""
        return cache.get(self.key(acct or account()))

    def get(self, *, stale: str | None = None, margin: int = REFRESH_MARGIN) -> str:
        """The current value; fetched only when missing, near expiry, or equal to ``stale``.

        ``stale`` is a value WeChat has just refused: it is replaced even if not yet expired.
        """
        acct = account()
        key = self.key(acct)
        entry = cache.get(key)
        if self._usable(entry, stale, margin):
            return entry["value"]
        lock = key + ":lock"
        if cache.add(lock, "1", LOCK_SECONDS):
            try:
                # Another process may have refreshed between our read and our lock.
                entry = cache.get(key)
                if self._usable(entry, stale, margin):
                    return entry["value"]
                value, lifetime = self._fetch(acct)
                cache.set(key, {"value": value, "expires_at": time.time() + lifetime}, lifetime)
                return value
            finally:
                cache.delete(lock)
        if entry and entry["value"] != stale and entry["expires_at"] > time.time():
            # Someone else is refreshing; the old value is still valid meanwhile.
            return entry["value"]
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            entry = cache.get(key)
            if entry and entry["value"] != stale and entry["expires_at"] > time.time():
                return entry["value"]
        raise sdk.WechatError(f"timed out waiting for the {self.name} refresh")

    @staticmethod
    def _usable(entry, stale, margin) -> bool:
        return bool(entry) and entry["value"] != stale and entry["expires_at"] - time.time() > margin


def _fetch_ticket(acct: Account) -> tuple[str, int]:
    token = access_token.get()
    try:
        return sdk.fetch_jsapi_ticket(acct, token)
    except sdk.TokenRejected:
        # The cached token was revoked early (someone fetched one elsewhere): replace it once.
        return sdk.fetch_jsapi_ticket(acct, access_token.get(stale=token))


access_token = Credential("access_token", sdk.fetch_access_token)
jsapi_ticket = Credential("jsapi_ticket", _fetch_ticket)


def refresh_all(margin: int = REFRESH_MARGIN) -> dict[str, float]:
    """Refresh what is within ``margin`` of expiry; returns each credential's expiry time."""
    result = {}
    for credential in (access_token, jsapi_ticket):
        credential.get(margin=margin)
        result[credential.name] = credential.peek()["expires_at"]
    return result
