"""Encryption at rest for personal data (ID numbers, phones) and keyed hashes to look them up.

The key comes from the environment, ``WENMING_FIELD_KEY``: one Fernet key, or several separated by
commas (the first encrypts, every one decrypts, so a key can be rotated). Outside production a key
is derived from ``SECRET_KEY`` so the demo and the tests need no setup; production refuses to
encrypt without the variable. The lookup hash (HMAC-SHA256) is keyed by a key derived from the first
field key, so two equal numbers hash alike without the number ever being compared in clear text.
"""

import base64
import hashlib
import hmac
import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ENV_NAME = "WENMING_FIELD_KEY"


class DecryptionError(Exception):
    """A stored value could not be decrypted with any configured key."""


def _derived_key() -> bytes:
    digest = hashlib.sha256(b"wenming-field-key:" + settings.SECRET_KEY.encode()).digest()
    return base64.urlsafe_b64encode(digest)


def _keys() -> list[bytes]:
    raw = os.environ.get(ENV_NAME, "").strip()
    if raw:
        return [k.strip().encode() for k in raw.split(",") if k.strip()]
    if getattr(settings, "PRODUCTION", False):
        raise ImproperlyConfigured(f"生产模式需要设置 {ENV_NAME} ({ENV_NAME} is required in production)")
    return [_derived_key()]


def _fernet() -> MultiFernet:
    try:
        return MultiFernet([Fernet(k) for k in _keys()])
    except ValueError as exc:
        raise ImproperlyConfigured(f"{ENV_NAME} 不是有效的 Fernet 密钥 (not a valid Fernet key)") from exc


def encrypt(text: str) -> str:
    """The ciphertext of ``text`` (an ASCII token); the empty string stays empty."""
    if not text:
        return ""
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError("cannot decrypt with the configured keys") from exc


def lookup_hash(text: str, purpose: str) -> str:
    """A keyed hash of ``text`` for unique constraints and lookups; ``purpose`` separates uses."""
    key = hashlib.sha256(b"wenming-lookup:" + _keys()[0]).digest()
    return hmac.new(key, f"{purpose}:{text}".encode(), hashlib.sha256).hexdigest()
