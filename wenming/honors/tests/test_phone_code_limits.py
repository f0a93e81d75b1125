"""Phone confirmation codes: throttled per phone and per address, expiring, the newest one only;
and the page's ``next`` never leaves the site."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wenming.core import sms_codes
from wenming.honors import actions
from wenming.honors.models import PhoneConfirmation
from wenming.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def shown_code(note: str) -> str:
    return re.search(r"(\d{6})", note).group(1)


def wrong(code: str) -> str:
    return "000000" if code != "000000" else "111111"


def test_a_phone_gets_one_code_a_minute_whoever_asks():
    actions.request_phone_code(UserFactory(), "13912345678", ip="203.0.113.7")
    with pytest.raises(ValidationError, match="一分钟后"):
        actions.request_phone_code(UserFactory(), "13912345678", ip="198.51.100.9")


def test_one_address_cannot_send_codes_to_phone_after_phone():
    for number in range(sms_codes.SEND_PER_ADDRESS_HOUR.limit):
        actions.request_phone_code(UserFactory(), f"139{number:08d}", ip="203.0.113.7")
    with pytest.raises(ValidationError, match="一小时后"):
        actions.request_phone_code(UserFactory(), "13800000000", ip="203.0.113.7")
    assert PhoneConfirmation.objects.count() == sms_codes.SEND_PER_ADDRESS_HOUR.limit


def test_a_new_code_voids_the_old_one(settings):
    user = UserFactory()
    first = shown_code(actions.request_phone_code(user, "13912345678"))
    PhoneConfirmation.objects.update(sent_at=timezone.now() - timedelta(minutes=2))
    sms_codes.SEND_PER_PHONE_MINUTE.reset("13912345678")
    second = shown_code(actions.request_phone_code(user, "13912345678"))
    if first != second:
        with pytest.raises(ValidationError):
            actions.confirm_phone_code(user, first)
    old = PhoneConfirmation.objects.order_by("sent_at").first()
    assert old.expires_at <= timezone.now()  # voided in the database, not only passed over
    actions.confirm_phone_code(user, second)
    user.refresh_from_db()
    assert user.is_verified


def test_an_expired_code_is_refused():
    user = UserFactory()
    code = shown_code(actions.request_phone_code(user, "13912345678"))
    PhoneConfirmation.objects.update(
        sent_at=timezone.now() - timedelta(minutes=11), expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(ValidationError, match="已过期"):
        actions.confirm_phone_code(user, code)


def test_guessing_from_one_address_is_stopped_across_accounts():
    limit = sms_codes.CHECK_FAILURES_PER_ADDRESS.limit
    users = []
    for number in range(limit // actions.MAX_ATTEMPTS + 1):
        user = UserFactory()
        users.append((user, shown_code(actions.request_phone_code(user, f"137{number:08d}"))))
    guesses = 0
    for user, code in users:
        for _ in range(actions.MAX_ATTEMPTS):
            if guesses == limit:
                break
            with pytest.raises(ValidationError, match="验证码不正确"):
                actions.confirm_phone_code(user, wrong(code), ip="203.0.113.7")
            guesses += 1
    user, code = users[-1]
    # Even the right code is not checked from that address for now; from another it is.
    with pytest.raises(ValidationError, match="错误次数过多"):
        actions.confirm_phone_code(user, code, ip="203.0.113.7")
    actions.confirm_phone_code(user, code, ip="198.51.100.9")


def test_phone_page_next_off_site_goes_to_the_campaigns(client, personas):
    client.force_login(personas.citizen2)
    shown = client.post(reverse("honors:phone"), {"p-phone": "13912345678"}, follow=True).content.decode()
    code = re.search(r"验证码为：(\d{6})", shown).group(1)
    response = client.post(f"{reverse('honors:phone')}?next=https://evil.example/", {"c-code": code})
    assert response.status_code == 302
    assert response["Location"] == reverse("honors:campaigns")


def test_phone_page_keeps_a_next_on_this_site(client, personas):
    client.force_login(personas.citizen2)
    shown = client.post(reverse("honors:phone"), {"p-phone": "13912345678"}, follow=True).content.decode()
    code = re.search(r"验证码为：(\d{6})", shown).group(1)
    response = client.post(f"{reverse('honors:phone')}?next=/honors/", {"c-code": code})
    assert response["Location"] == "/honors/"


def test_phone_page_counts_the_senders_address(client, personas):
    client.force_login(personas.citizen2)
    client.post(reverse("honors:phone"), {"p-phone": "13912345678"}, REMOTE_ADDR="203.0.113.7")
    assert sms_codes.SEND_PER_ADDRESS_HOUR.count("203.0.113.7") == 1
