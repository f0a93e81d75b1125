"""What the honors views share: the voter's address, refusals as messages, the staff check."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from wenming.people.permissions import can, scope_units

from ..models import Campaign


def client_ip(request) -> str | None:
    """The voter's address. Behind N trusted proxies (settings: VOTE_PROXY_COUNT) it is the Nth
    address from the right of X-Forwarded-For; the left part can be forged by the client."""
    proxies = settings.WENMING["VOTE_PROXY_COUNT"]
    if proxies:
        forwarded = [
            part.strip() for part in request.headers.get("x-forwarded-for", "").split(",") if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc) or _("您没有权限执行此操作。")


def _form_errors(request, form) -> None:
    """A form posted from a detail page: its errors come back as one message on that page."""
    messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))


def _attempt(request, fn, *args, success: str = "", **kwargs):
    """Run an action; a refusal becomes an error message and nothing changes."""
    try:
        result = fn(*args, **kwargs)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _message(exc))
        return None
    if success:
        messages.success(request, success)
    return result if result is not None else True


def staff_of_campaign(view):
    """The viewer must review in the campaign's region (or below it)."""

    @wraps(view)
    @login_required
    def wrapper(request, pk, *args, **kwargs):
        campaign = get_object_or_404(Campaign.objects.select_related("region"), pk=pk)
        if not scope_units(request.user, "review").filter(
            path__startswith=campaign.region.path
        ).exists() and not can(request.user, "review", campaign.region):
            raise PermissionDenied
        return view(request, campaign, *args, **kwargs)

    return wrapper
