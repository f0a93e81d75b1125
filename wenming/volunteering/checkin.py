"""The rotating check-in credentials an organiser's phone shows: a signed QR token and a 6-digit code.

Both are HMACs over (session, time window): nothing is stored, a photo of the code is useless once
its window and the grace window after it have passed, and one session's code opens no other session.
"""

import hashlib
import hmac
import math
import time
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings

from . import rules as rules_mod

OK, EXPIRED, FORGED = "ok", "expired", "forged"


def _key(session) -> bytes:
    return hashlib.sha256(f"wenming-checkin:{settings.SECRET_KEY}:{session.token_secret}".encode()).digest()


def window_of(at: datetime | float | None, rules=None) -> int:
    rules = rules or rules_mod.current()
    ts = time.time() if at is None else (at if isinstance(at, int | float) else at.timestamp())
    return int(ts // rules.token_seconds)


def _mac(session, message: str) -> str:
    return hmac.new(_key(session), message.encode(), hashlib.sha256).hexdigest()


def token_for(session, window: int) -> str:
    return f"{session.pk}.{window}.{_mac(session, f'qr:{session.pk}:{window}')[:24]}"


def code_for(session, window: int) -> str:
    return f"{int(_mac(session, f'code:{session.pk}:{window}')[:12], 16) % 1_000_000:06d}"


@dataclass(frozen=True)
class Credentials:
    token: str
    code: str
    expires_in: int


def current(session, at=None) -> Credentials:
    rules = rules_mod.current()
    window = window_of(at, rules)
    now = time.time() if at is None else at.timestamp()
    return Credentials(token_for(session, window), code_for(session, window),
                       int((window + 1) * rules.token_seconds - now) or rules.token_seconds)


def _windows(at, rules) -> range:
    now = window_of(at, rules)
    return range(now - rules.token_grace_windows, now + 1)


def check_token(session, token: str, at=None) -> str:
    """OK, EXPIRED (a genuine token of an earlier window) or FORGED (anything else)."""
    rules = rules_mod.current()
    parts = (token or "").strip().split(".")
    if len(parts) != 3 or parts[0] != str(session.pk) or not parts[1].lstrip("-").isdigit():
        return FORGED
    window = int(parts[1])
    if not hmac.compare_digest(token_for(session, window), token.strip()):
        return FORGED
    return OK if window in _windows(at, rules) else EXPIRED


def check_code(session, code: str, at=None) -> str:
    rules = rules_mod.current()
    code = (code or "").strip()
    if len(code) != 6 or not code.isdigit():
        return FORGED
    if any(hmac.compare_digest(code_for(session, w), code) for w in _windows(at, rules)):
        return OK
    return EXPIRED


def distance_m(lat1: Decimal, lng1: Decimal, lat2: Decimal, lng2: Decimal) -> float:
    """Great-circle distance in metres (haversine; a few metres off at most at these scales)."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp, dl = p2 - p1, math.radians(float(lng2) - float(lng1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))
