"""The client's address, the one place that knows how many proxies stand in front of us."""

from django.conf import settings


def client_ip(request) -> str | None:
    """Behind N trusted proxies (settings: VOTE_PROXY_COUNT) it is the Nth address from the right
    of X-Forwarded-For; the left part can be forged by the client, so it is never read."""
    proxies = settings.WENMING["VOTE_PROXY_COUNT"]
    if proxies:
        forwarded = [
            part.strip() for part in request.headers.get("x-forwarded-for", "").split(",") if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
