"""Who must give a second factor (a TOTP code) at login, and where that is remembered.

The answer is worked out once, when the person logs in, and kept in the session: the steady
state of every later request is one session read, with no query (the vote path counts its
queries). A person who has confirmed an authenticator app is always asked for a code; staff
without one must enrol first when ``WENMING["STAFF_OTP_REQUIRED"]`` is on.
"""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from .choices import STAFF_ROLES

SESSION_KEY = "wenming_second_factor"
DONE = "done"
VERIFY = "verify"
ENROL = "enrol"


def is_staff_person(user) -> bool:
    return bool(user.is_staff or user.is_superuser or any(user.has_role(role) for role in STAFF_ROLES))


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def step_for(user) -> str:
    """What this person still has to do after the password: VERIFY, ENROL or nothing (DONE)."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return VERIFY
    if settings.WENMING["STAFF_OTP_REQUIRED"] and is_staff_person(user):
        return ENROL
    return DONE


def remember_login(sender, request, user, **kwargs):
    """``user_logged_in`` receiver: a fresh login starts with the step this person owes."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = step_for(user)


def mark_done(request) -> None:
    request.session[SESSION_KEY] = DONE
