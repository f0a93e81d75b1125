"""Where a view may send the browser when the target came from the request (``next``).

Every view that redirects to a user-supplied target asks ``safe_next``: the target must be a path
on this site (or a URL of this very host), otherwise the fallback is used. Django's
``url_has_allowed_host_and_scheme`` already refuses ``//evil.example`` and ``https:evil.example``;
a target with a backslash or a control character is refused outright as well, since browsers
read ``/\\evil.example`` as ``//evil.example`` and strip tabs and newlines from URLs.
"""

from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_target(request, candidate) -> bool:
    if not isinstance(candidate, str) or not candidate or len(candidate) > 2000:
        return False
    if "\\" in candidate or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in candidate):
        return False
    return url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def safe_next(request, candidate, fallback="home") -> str:
    """``candidate`` when it stays on this site, else ``fallback`` (a URL name, path or model)."""
    if is_safe_target(request, candidate):
        return candidate
    return resolve_url(fallback)
