"""Two-step verification and the lockout page, clicked through on a phone and a desktop."""

from pathlib import Path

import pytest
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from wenming.testing.browser import login
from wenming.testing.factories import TEST_PASSWORD

from .test_second_factor import authenticator_code, code_for

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    folder = Path("var/screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"people-{name}.png"), full_page=True)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_staff_enrols_by_qr_code_and_reaches_the_console(request, size, live_server, personas, settings):
    settings.WENMING = {**settings.WENMING, "STAFF_OTP_REQUIRED": True}
    page = request.getfixturevalue(size)
    login(page, live_server, "editor", TEST_PASSWORD)
    page.goto(live_server.url + "/console/")
    assert "/accounts/two-factor/" in page.url
    qr = page.locator(".otp-qr svg")
    box = qr.bounding_box()
    assert box and box["width"] >= 150  # large enough to scan from another phone
    secret = page.inner_text(".otp-secret")
    shot(page, f"otp-enrol-{size}")
    page.fill("input[name=token]", authenticator_code(secret))
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith("/console")
    assert "已启用两步验证" in page.content()
    assert TOTPDevice.objects.get(user=personas.editor).confirmed


def test_login_asks_for_the_code_on_a_phone(phone, live_server, personas):
    device = TOTPDevice.objects.create(user=personas.reviewer, name="app", confirmed=True)
    login(phone, live_server, "reviewer", TEST_PASSWORD)
    phone.goto(live_server.url + "/accounts/me/")
    assert "/accounts/login/verify/" in phone.url
    shot(phone, "otp-verify-phone")
    phone.fill("input[name=token]", code_for(device))
    phone.click("form.form button[type=submit]")
    phone.wait_for_load_state()
    assert phone.url.endswith("/accounts/me/")


def test_lockout_page_on_a_phone(phone, live_server, personas):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(phone, live_server, "citizen", "wrong-password")
    assert "密码错误次数过多" in phone.content()
    shot(phone, "locked-out-phone")
