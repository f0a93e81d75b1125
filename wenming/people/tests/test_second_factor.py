"""Two-step verification with a TOTP authenticator: enrolment by QR code, the code at login."""

import base64
import hashlib
import hmac
import re
import struct
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from wenming.journal.models import AuditEntry
from wenming.testing.factories import TEST_PASSWORD

LOGIN = "/accounts/login/"


def authenticator_code(secret: str, at=None, step=30, digits=6) -> str:
    """What an authenticator app shows for a base32 secret (RFC 6238, HMAC-SHA1), written out
    here rather than borrowed from django-otp so the test checks the library against the RFC."""
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return f"{value:0{digits}d}"


def code_for(device, at=None) -> str:
    """The current code of a device, computed from the device's own key."""
    return authenticator_code(base64.b32encode(device.bin_key).decode(), at, device.step, device.digits)


def login(client, user, next_url=""):
    return client.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD, "next": next_url})


@pytest.fixture
def required(settings):
    settings.WENMING = {**settings.WENMING, "STAFF_OTP_REQUIRED": True}


def enrol(client, user):
    client.get(reverse("people:otp_enrol"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("people:otp_enrol"), {"token": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    return device


def test_staff_must_enrol_before_reaching_the_console_when_required(client, personas, required):
    response = login(client, personas.editor, "/console/")
    assert response.status_code == 302
    blocked = client.get("/console/")
    assert blocked.status_code == 302
    assert blocked["Location"].startswith(reverse("people:otp_enrol"))
    page = client.get(blocked["Location"])
    body = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in body and "工作人员账号需要启用两步验证" in body
    device = TOTPDevice.objects.get(user=personas.editor, confirmed=False)
    shown = re.search(r'class="otp-secret">([A-Z2-7 ]+)<', body).group(1)
    assert base64.b32decode(shown.replace(" ", "") + "=" * (-len(shown.replace(" ", "")) % 8)) == device.bin_key
    # A reload shows the same key (the person may scan it after a refresh).
    assert shown in client.get(blocked["Location"]).content.decode()
    done = client.post(blocked["Location"], {"token": authenticator_code(shown), "next": "/console/"})
    assert done.status_code == 302 and done["Location"] == "/console/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/console/").status_code == 200
    assert AuditEntry.objects.filter(verb="people.enrol_totp", actor=personas.editor).exists()


def test_enrolment_refuses_a_wrong_code(client, personas, required):
    login(client, personas.editor)
    client.get(reverse("people:otp_enrol"))
    device = TOTPDevice.objects.get(user=personas.editor)
    wrong = f"{(int(code_for(device)) + 1) % 10**6:06d}"
    response = client.post(reverse("people:otp_enrol"), {"token": wrong})
    assert response.status_code == 200
    assert "验证码不正确" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/console/").status_code == 302


def test_enrolled_person_is_asked_for_the_code_at_every_login(client, personas, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 30  # a wait no slow test machine outlasts by accident
    client.force_login(personas.editor)
    device = enrol(client, personas.editor)
    client.logout()
    login(client, personas.editor)
    blocked = client.get("/console/")
    assert blocked["Location"].startswith(reverse("people:otp_verify"))
    # The code just used to enrol cannot be replayed.
    replay = client.post(reverse("people:otp_verify"), {"token": code_for(device), "next": "/console/"})
    assert replay.status_code == 200
    assert "验证码不正确或已使用" in replay.content.decode()
    # After a wrong code the device makes the person wait, even for a right one.
    right_now = client.post(
        reverse("people:otp_verify"), {"token": code_for(device, time.time() + device.step), "next": "/console/"}
    )
    assert "请稍等片刻" in right_now.content.decode()
    device.refresh_from_db()
    device.throttling_failure_timestamp -= timedelta(minutes=5)
    device.save()
    # The authenticator's next code (one step later, within the allowed drift) lets the person in.
    fresh = client.post(
        reverse("people:otp_verify"), {"token": code_for(device, time.time() + device.step), "next": "/console/"}
    )
    assert fresh.status_code == 302 and fresh["Location"] == "/console/"
    assert client.get("/console/").status_code == 200


def test_admin_site_asks_for_the_second_factor(client, personas, required):
    p = personas
    device = TOTPDevice.objects.create(user=p.admin, name="app", confirmed=True)
    response = client.post("/admin/login/?next=/admin/", {"username": "admin", "password": TEST_PASSWORD, "next": "/admin/"})
    assert response.status_code == 302
    admin_page = client.get("/admin/")
    assert admin_page.status_code == 302
    assert admin_page["Location"].startswith(reverse("people:otp_verify"))
    assert client.get("/admin/people/user/").status_code == 302
    client.post(reverse("people:otp_verify"), {"token": code_for(device), "next": "/admin/"})
    assert client.get("/admin/").status_code == 200


def test_a_pending_second_factor_refuses_posts_too(client, personas):
    TOTPDevice.objects.create(user=personas.editor, name="app", confirmed=True)
    login(client, personas.editor)
    response = client.post(reverse("people:choose_group_submit", args=[personas.town.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("people:otp_verify")
    personas.editor.refresh_from_db()
    assert personas.editor.group_id is None


def test_citizens_are_not_asked_when_only_staff_must_enrol(client, personas, required):
    login(client, personas.citizen)
    assert client.get(reverse("people:me")).status_code == 200


def test_staff_need_no_second_factor_when_the_setting_is_off(client, personas):
    login(client, personas.editor)
    assert client.get("/console/").status_code == 200


def test_verify_page_sends_off_site_next_home(client, personas):
    device = TOTPDevice.objects.create(user=personas.editor, name="app", confirmed=True)
    login(client, personas.editor)
    response = client.post(
        reverse("people:otp_verify"), {"token": code_for(device), "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_the_gate_redirects_under_the_lean_handlers_nameless_urlconf(rf, personas):
    from django.http import HttpResponse
    from django.urls import set_urlconf

    from wenming.core.handlers import LeanURLConf
    from wenming.people import second_factor
    from wenming.people.middleware import SecondFactorMiddleware

    request = rf.get("/honors/")
    request.session = {"_auth_user_id": str(personas.editor.pk), second_factor.SESSION_KEY: second_factor.VERIFY}
    set_urlconf(LeanURLConf(["/honors/"]))
    try:
        response = SecondFactorMiddleware(lambda r: HttpResponse("view"))(request)
    finally:
        set_urlconf(None)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:otp_verify"))
