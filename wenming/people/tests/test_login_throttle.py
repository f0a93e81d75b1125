"""Login throttling and lockout (django-axes): per account, per address, the admin's login too."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from wenming.testing.factories import TEST_PASSWORD

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def _post(client, url, username, password, ip="203.0.113.7"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _let_cool_off_pass():
    """Move every recorded failure back past the cool-off, as if that time had gone by."""
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time
                                 - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))


def test_fifty_wrong_passwords_then_the_right_one_is_refused_until_the_cool_off_passes(client, personas):
    for _ in range(50):
        response = _post(client, LOGIN, "citizen", "wrong-password")
        assert response.status_code in (200, 429)
    refused = _post(client, LOGIN, "citizen", TEST_PASSWORD)
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "密码错误次数过多" in body and "分钟后再试" in body
    assert "_auth_user_id" not in client.session
    _let_cool_off_pass()
    allowed = _post(client, LOGIN, "citizen", TEST_PASSWORD)
    assert allowed.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.citizen.pk)


def test_lockout_starts_at_the_failure_limit(client, personas):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert _post(client, LOGIN, "citizen", "wrong-password").status_code == 200
    assert _post(client, LOGIN, "citizen", "wrong-password").status_code == 429
    assert _post(client, LOGIN, "citizen", TEST_PASSWORD).status_code == 429


def test_locked_account_is_refused_from_another_address_too(client, personas):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post(client, LOGIN, "citizen", "wrong-password", ip="203.0.113.7")
    assert _post(client, LOGIN, "citizen", TEST_PASSWORD, ip="198.51.100.9").status_code == 429


def test_locked_address_is_refused_for_other_accounts_too(client, personas):
    for number in range(settings.AXES_FAILURE_LIMIT):
        _post(client, LOGIN, f"nobody{number}", "wrong-password", ip="203.0.113.7")
    assert _post(client, LOGIN, "citizen2", TEST_PASSWORD, ip="203.0.113.7").status_code == 429
    assert _post(client, LOGIN, "citizen2", TEST_PASSWORD, ip="198.51.100.9").status_code == 302


def test_admin_login_is_locked_out_after_repeated_failures(client, personas):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post(client, ADMIN_LOGIN, "admin", "wrong-password")
    refused = _post(client, ADMIN_LOGIN, "admin", TEST_PASSWORD)
    assert refused.status_code == 429
    assert "密码错误次数过多" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_successful_login_clears_the_failures(client, personas):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _post(client, LOGIN, "citizen", "wrong-password")
    assert _post(client, LOGIN, "citizen", TEST_PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _post(client, LOGIN, "citizen", "wrong-password")
    assert _post(client, LOGIN, "citizen", TEST_PASSWORD).status_code == 302


def test_proxied_address_counts_behind_trusted_proxy(client, personas, settings):
    settings.WENMING = {**settings.WENMING, "VOTE_PROXY_COUNT": 1}
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": f"nobody{number}", "password": "x"},
                    REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    # Another client behind the same proxy is not locked out by the first one's failures.
    ok = client.post(LOGIN, {"username": "citizen", "password": TEST_PASSWORD},
                     REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert ok.status_code == 302
    assert reverse("home") in ok["Location"]


def test_an_over_long_username_is_a_failed_login_not_a_database_error(client, db):
    response = client.post("/accounts/login/", {"username": "长" * 5000, "password": "x"})
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "长" * 150
