"""The vote endpoint served through the project's WSGI entry, whose lean handler leaves out the
page-only middleware: CSRF, the session, the language and security headers must still apply."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.urls import reverse

from wenming.core.handlers import LEAN_SKIPS, lean_middleware
from wenming.honors.models import Vote

from .factories import CampaignFactory, NominationFactory, verified_user

pytestmark = pytest.mark.django_db

TOKEN = "leanhandlertestcsrftoken01234567"  # 32 characters: an unmasked secret Django accepts


@pytest.fixture
def wsgi():
    """Call the WSGI application as a server would, keeping the test's transaction open (as
    Django's test client does, the handler must not close the connection between requests)."""
    from wenming.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    def call(environ):
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer["status"] = int(status.split()[0])
            answer["headers"] = dict(headers)

        chunks = application(environ, start_response)
        try:
            body = b"".join(chunks)
        finally:
            chunks.close()  # as a server does: Django's request_finished (URLconf reset) runs here
        return answer["status"], answer["headers"], body.decode()

    yield call
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _vote_environ(client, candidate, *, token=TOKEN, language=None):
    factory = RequestFactory()
    factory.cookies["sessionid"] = client.cookies["sessionid"].value
    factory.cookies["csrftoken"] = TOKEN
    if language:
        factory.cookies["django_language"] = language
    headers = {"X-CSRFToken": token} if token else {}
    return factory.post(reverse("honors:api_vote"), {"candidate": candidate.pk}, headers=headers).environ


def test_lean_list_keeps_every_guard_and_drops_only_page_concerns(settings):
    lean = lean_middleware()
    for guard in (
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "wenming.core.middleware.ChineseFirstLocaleMiddleware",
    ):
        assert guard in lean
    assert not LEAN_SKIPS & set(lean)
    # Same relative order as the project's list.
    assert lean == [path for path in settings.MIDDLEWARE if path in lean]


def test_vote_through_the_lean_handler(client, wsgi):
    campaign = CampaignFactory()
    candidate = NominationFactory(campaign=campaign)
    voter = verified_user()
    client.force_login(voter)

    status, headers, body = wsgi(_vote_environ(client, candidate))
    assert status == 200 and '"ok": true' in body
    assert Vote.objects.get().voter == voter
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "X-Frame-Options" not in headers  # the page-only layer really is left out
    assert headers["Content-Length"] == str(len(body.encode()))  # not chunked by the server

    status, _headers, body = wsgi(_vote_environ(client, candidate, language="en"))
    assert status == 409 and "You have already voted" in body
    assert Vote.objects.count() == 1


def test_lean_handler_still_refuses_a_missing_csrf_token(client, wsgi):
    candidate = NominationFactory(campaign=CampaignFactory())
    client.force_login(verified_user())
    status, _headers, _body = wsgi(_vote_environ(client, candidate, token=None))
    assert status == 403
    assert not Vote.objects.exists()


def test_other_paths_keep_the_full_stack(wsgi):
    status, headers, _body = wsgi(RequestFactory().get("/").environ)
    assert status == 200
    assert headers["X-Frame-Options"] == "DENY"
