"""A voter confirms their phone with a code, which makes them verified (and able to vote)."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.journal.actions import audit
from wenming.people import actions as people_actions

from ..models import PhoneConfirmation

CODE_TTL = timedelta(minutes=10)
MAX_ATTEMPTS = 5


def _code_hash(user_pk: int, phone: str, code: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{user_pk}:{phone}:{code}".encode(), hashlib.sha256
    ).hexdigest()


@transaction.atomic
def request_phone_code(user, phone: str) -> str:
    """Send a six-digit code to ``phone``; returns the sender's message for the page."""
    from ..sms import get_sender

    now = timezone.now()
    recent = PhoneConfirmation.objects.filter(user=user, sent_at__gte=now - timedelta(minutes=1)).exists()
    if recent:
        raise ValidationError(_("验证码已发送，请一分钟后再试。"))
    code = f"{secrets.randbelow(10**6):06d}"
    PhoneConfirmation.objects.create(
        user=user,
        phone=phone,
        code_hash=_code_hash(user.pk, phone, code),
        sent_at=now,
        expires_at=now + CODE_TTL,
    )
    audit(user, "honors.request_phone_code", user)
    return get_sender().send(phone, code)


def confirm_phone_code(user, code: str) -> None:
    """Check the latest code; a match confirms the phone (the person becomes verified).

    A wrong code still counts as an attempt, so that count is committed before refusing.
    """
    with transaction.atomic():
        pending = (
            PhoneConfirmation.objects.select_for_update()
            .filter(user=user, confirmed_at__isnull=True)
            .order_by("-sent_at", "-id")
            .first()
        )
        now = timezone.now()
        if pending is None or pending.expires_at <= now:
            raise ValidationError(_("验证码已过期，请重新获取。"))
        if pending.attempts >= MAX_ATTEMPTS:
            raise ValidationError(_("尝试次数过多，请重新获取验证码。"))
        matches = hmac.compare_digest(pending.code_hash, _code_hash(user.pk, pending.phone, code.strip()))
        if matches:
            PhoneConfirmation.objects.filter(pk=pending.pk).update(confirmed_at=now)
            people_actions.confirm_phone(user, pending.phone, at=now)
            user.phone, user.phone_verified_at = pending.phone, now
        else:
            PhoneConfirmation.objects.filter(pk=pending.pk).update(attempts=pending.attempts + 1)
    if not matches:
        raise ValidationError(_("验证码不正确。"))
