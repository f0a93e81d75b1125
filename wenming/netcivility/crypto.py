"""Mobile numbers at rest: encrypted (Fernet), found by a keyed digest, shown by a stored mask.

The key comes from ``settings.WENMING_DATA_KEY`` when set (so SECRET_KEY can rotate without losing
the numbers), else from SECRET_KEY. Matching a re-imported row by mobile compares digests; the
number itself is decrypted only for the pages and exports allowed to show it whole.
"""

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _secret() -> bytes:
    return (getattr(settings, "WENMING_DATA_KEY", "") or settings.SECRET_KEY).encode()


def _derive(purpose: bytes) -> bytes:
    return hashlib.sha256(b"wenming.netcivility." + purpose + b"|" + _secret()).digest()


def digest(mobile: str) -> str:
    """The same number always gives the same digest; without the key it reveals nothing."""
    return hmac.new(_derive(b"mobile-digest"), mobile.encode(), hashlib.sha256).hexdigest()


def encrypt(mobile: str) -> str:
    return Fernet(base64.urlsafe_b64encode(_derive(b"mobile-cipher"))).encrypt(mobile.encode()).decode()


def decrypt(token: str) -> str:
    """The number, or "" when the key no longer opens it (shown masked then, never a 500)."""
    try:
        return Fernet(base64.urlsafe_b64encode(_derive(b"mobile-cipher"))).decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return ""
