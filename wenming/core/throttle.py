"""Counters in the shared cache that say "too many, wait": per phone, per address, per account.

A fixed window per key: the first hit ``add``s the counter with the window as its lifetime, later
hits ``incr`` it. Both are single atomic commands on Redis, so app servers never lose a count to
each other; locmem (one process, development) is atomic under its own lock. Nothing is kept in
process memory.
"""

import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Throttle:
    """At most ``limit`` hits per ``window`` seconds for each subject (a phone, an address...)."""

    name: str
    limit: int
    window: int

    def _key(self, subject: str, now: float | None = None) -> str:
        slot = int(now if now is not None else time.time()) // self.window
        return f"throttle:{self.name}:{subject}:{slot}"

    def count(self, subject: str) -> int:
        return int(cache.get(self._key(subject)) or 0)

    def exceeded(self, subject: str | None) -> bool:
        """Whether the subject has already used up this window (asks, counts nothing)."""
        return bool(subject) and self.count(subject) >= self.limit

    def hit(self, subject: str | None) -> int:
        """Count one hit; returns the count in this window (0 when there is no subject)."""
        if not subject:
            return 0
        key = self._key(subject)
        # A little longer than the window so that the key outlives the slot it names.
        if cache.add(key, 1, timeout=self.window + 5):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr: this hit opens the new window
            cache.add(key, 1, timeout=self.window + 5)
            return 1

    def reset(self, subject: str) -> None:
        cache.delete(self._key(subject))

    def retry_after(self) -> int:
        """Seconds until the current window ends."""
        now = int(time.time())
        return self.window - now % self.window
