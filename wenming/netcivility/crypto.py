"""Mobile numbers of the registry at rest, through the platform's one field cipher (``core.crypto``).

Encrypted with the field key, found by a keyed digest, shown by a stored mask. Matching a re-imported
row by mobile compares digests; the number itself is decrypted only for the pages and exports allowed
to show it whole.
"""

from wenming.core import crypto

DIGEST_PURPOSE = "netcivility.mobile"


def digest(mobile: str) -> str:
    """The same number always gives the same digest; without the key it reveals nothing."""
    return crypto.lookup_hash(mobile, DIGEST_PURPOSE)


def encrypt(mobile: str) -> str:
    return crypto.encrypt(mobile)


def decrypt(token: str) -> str:
    """The number, or "" when no configured key opens it (shown masked then, never a 500)."""
    try:
        return crypto.decrypt(token)
    except crypto.DecryptionError:
        return ""
