"""Phone confirmation: a pluggable sender; without one, the code is shown outside production only."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import override_settings

from wenming.honors import actions
from wenming.honors.models import PhoneConfirmation
from wenming.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

SENT: list[tuple[str, str]] = []


class RecordingSender:
    """A sender standing in for an SMS provider: it keeps what it was asked to send."""

    def send(self, phone, code):
        SENT.append((phone, code))
        return "验证码已发送"


def test_shown_code_confirms_the_phone_and_verifies_the_person():
    user = UserFactory()
    note = actions.request_phone_code(user, "13912345678")
    code = re.search(r"(\d{6})", note).group(1)
    assert not user.is_verified
    actions.confirm_phone_code(user, code)
    user.refresh_from_db()
    assert user.is_verified and user.phone == "13912345678"


def test_wrong_codes_count_and_lock_out():
    user = UserFactory()
    note = actions.request_phone_code(user, "13912345678")
    right = re.search(r"(\d{6})", note).group(1)
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(actions.MAX_ATTEMPTS):
        with pytest.raises(ValidationError, match="验证码不正确"):
            actions.confirm_phone_code(user, wrong)
    assert PhoneConfirmation.objects.get(user=user).attempts == actions.MAX_ATTEMPTS
    with pytest.raises(ValidationError, match="尝试次数过多"):
        actions.confirm_phone_code(user, right)
    user.refresh_from_db()
    assert not user.is_verified


def test_resend_within_a_minute_is_refused():
    user = UserFactory()
    actions.request_phone_code(user, "13912345678")
    with pytest.raises(ValidationError, match="一分钟后"):
        actions.request_phone_code(user, "13912345678")


def test_configured_sender_is_used_and_the_code_is_not_shown(settings):
    settings.WENMING = {**settings.WENMING, "SMS_SENDER": f"{__name__}.RecordingSender"}
    SENT.clear()
    user = UserFactory()
    note = actions.request_phone_code(user, "13700000000")
    assert note == "验证码已发送" and SENT[0][0] == "13700000000"
    actions.confirm_phone_code(user, SENT[0][1])
    user.refresh_from_db()
    assert user.phone_verified_at is not None


def test_production_without_a_sender_refuses():
    user = UserFactory()
    with override_settings(PRODUCTION=True), pytest.raises(ImproperlyConfigured, match="短信服务"):
        actions.request_phone_code(user, "13912345678")
    assert not PhoneConfirmation.objects.exists()
