"""The mobile vote page, the HTMX vote button and the lean JSON endpoint."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from wenming.honors.choices import NominationStatus
from wenming.honors.models import Vote
from wenming.testing.factories import UserFactory

from .factories import CampaignFactory, NominationFactory, verified_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    campaign = CampaignFactory()
    for i in range(12):
        NominationFactory(campaign=campaign, category="见义勇为" if i % 3 == 0 else "助人为乐")
    return campaign


def test_vote_page_categories_pagination_counts(client, campaign, django_assert_max_num_queries):
    voter = verified_user()
    first = campaign.nominations.order_by("pk").first()
    Vote.objects.create(candidate=first, voter=voter, slot=0, at=first.created_at)
    client.force_login(voter)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("honors:vote_page", args=[campaign.pk]))
    html = page.content.decode()
    assert html.count('class="card candidate"') == 10 and "第 1 / 2 页" in html
    assert "已投票" in html and 'data-count="1"' in html
    hero = client.get(
        reverse("honors:vote_page", args=[campaign.pk]), {"category": "见义勇为"}
    ).content.decode()
    assert hero.count('class="card candidate"') == 4


def test_counts_hidden_when_campaign_says_so(client, campaign):
    campaign.show_counts = False
    campaign.save()
    html = client.get(reverse("honors:vote_page", args=[campaign.pk])).content.decode()
    assert "data-count" not in html


def test_htmx_vote_updates_the_card_and_refuses_a_second(client, campaign):
    cand = campaign.nominations.first()
    client.force_login(verified_user())
    url = reverse("honors:vote", args=[cand.pk])
    first = client.post(url, headers={"HX-Request": "true"}).content.decode()
    assert "投票成功" in first and 'data-count="1"' in first
    second = client.post(url, headers={"HX-Request": "true"}).content.decode()
    assert "您已为该候选人投过票，不能重复投票。" in second and 'data-count="1"' in second
    assert Vote.objects.count() == 1


def test_unverified_vote_is_refused_with_a_message(client, campaign):
    client.force_login(UserFactory())
    html = client.post(
        reverse("honors:vote", args=[campaign.nominations.first().pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "请先通过微信登录或验证手机号后再投票" in html
    assert not Vote.objects.exists()


def test_api_statuses(client, campaign, settings, django_assert_max_num_queries):
    cand = campaign.nominations.first()
    url = reverse("honors:api_vote")
    assert client.post(url, {"candidate": cand.pk}).status_code == 401
    client.force_login(UserFactory())
    assert client.post(url, {"candidate": cand.pk}).status_code == 403
    client.force_login(verified_user())
    with django_assert_max_num_queries(6):
        ok = client.post(url, {"candidate": cand.pk})
    assert ok.status_code == 200 and ok.json() == {"ok": True}
    dup = client.post(url, {"candidate": cand.pk})
    assert dup.status_code == 409 and dup.json()["duplicate"] is True
    assert client.post(url, {"candidate": "x"}).status_code == 404
    assert client.post(url, {"candidate": 999999}).status_code == 404
    assert client.post(url, {"candidate": 2**70}).status_code == 404
    assert client.post(url, {"candidate": -3}).status_code == 404
    settings.WENMING = {**settings.WENMING, "VOTE_RATE_PER_PERSON": 2}
    limited = client.post(url, {"candidate": campaign.nominations.last().pk})
    assert limited.status_code == 429 and "过于频繁" in limited.json()["error"]
    assert Vote.objects.count() == 1


def test_api_requires_csrf(campaign):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(verified_user())
    response = csrf_client.post(reverse("honors:api_vote"), {"candidate": campaign.nominations.first().pk})
    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_vote_records_the_address_behind_trusted_proxies(client, campaign, settings):
    cand = campaign.nominations.first()
    client.force_login(verified_user())
    settings.WENMING = {**settings.WENMING, "VOTE_PROXY_COUNT": 1}
    client.post(
        reverse("honors:api_vote"),
        {"candidate": cand.pk},
        headers={"X-Forwarded-For": "6.6.6.6, 203.0.113.9"},
    )
    vote = Vote.objects.get()
    # The client may forge the left part; only the address our own proxy appended counts.
    assert vote.ip == "203.0.113.9"


# --- the lean JSON path: session checked as Django does, one user query, checks folded in the INSERT ---


def test_api_lean_path_is_three_queries(client, campaign, django_assert_num_queries):
    # Tests keep sessions in the database: session read, the user's facts, the INSERT.
    client.force_login(verified_user())
    cand = campaign.nominations.first()
    with django_assert_num_queries(3):
        ok = client.post(reverse("honors:api_vote"), {"candidate": cand.pk}, headers={"user-agent": "UA/9"})
    assert ok.json() == {"ok": True}
    vote = Vote.objects.get()
    assert (vote.candidate, vote.ip, vote.user_agent) == (cand, "127.0.0.1", "UA/9")


def test_api_refuses_inactive_and_changed_password_sessions(client, campaign):
    url = reverse("honors:api_vote")
    cand = campaign.nominations.first()
    inactive = verified_user(is_active=False)
    client.force_login(inactive)
    assert client.post(url, {"candidate": cand.pk}).status_code == 401
    voter = verified_user()
    client.force_login(voter)
    voter.set_password("a-new-password-9")
    voter.save()
    # The old session's auth hash no longer matches: Django's check ends the session.
    assert client.post(url, {"candidate": cand.pk}).status_code == 401
    assert "_auth_user_id" not in client.session
    assert not Vote.objects.exists()


def test_api_session_from_a_rotated_secret_still_votes_and_is_rekeyed(client, campaign, settings):
    """A session signed under a fallback secret is Django's case, handled by Django's own path."""
    voter = verified_user()
    client.force_login(voter)
    old_key = client.session.session_key
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-rotated-secret-key-for-this-test-only-0123456789abcdef"
    response = client.post(reverse("honors:api_vote"), {"candidate": campaign.nominations.first().pk})
    assert response.status_code == 200
    assert client.session.session_key != old_key
    assert client.session["_auth_user_hash"] == voter.get_session_auth_hash()


def test_api_lean_refusals(client, campaign):
    url = reverse("honors:api_vote")
    client.force_login(UserFactory())
    unverified = client.post(url, {"candidate": campaign.nominations.first().pk})
    assert unverified.status_code == 403 and "验证手机号" in unverified.json()["error"]
    client.force_login(verified_user())
    other = NominationFactory(campaign=campaign, status=NominationStatus.ACCEPTED)
    refused = client.post(url, {"candidate": other.pk})
    assert refused.status_code == 400 and "不在投票名单" in refused.json()["error"]
    campaign.voting_closes = timezone.now() - timedelta(seconds=1)
    campaign.save()
    closed = client.post(url, {"candidate": campaign.nominations.first().pk})
    assert closed.status_code == 400 and "不在投票时间内" in closed.json()["error"]
    assert not Vote.objects.exists()


# --- a returning voter: the session checked against the remembered hash, confirmed by the INSERT ---


def test_returning_voter_skips_the_user_query(client, campaign, django_assert_num_queries):
    first, second = campaign.nominations.all()[:2]
    client.force_login(verified_user())
    url = reverse("honors:api_vote")
    assert client.post(url, {"candidate": first.pk}).status_code == 200
    # Session read and the INSERT, which itself confirms the person is unchanged.
    with django_assert_num_queries(2):
        assert client.post(url, {"candidate": second.pk}).status_code == 200
    # Nothing inserted: PostgreSQL's one statement already says why; SQLite asks once more.
    with django_assert_num_queries(2 if connection.vendor == "postgresql" else 3):
        dup = client.post(url, {"candidate": second.pk})
    assert dup.status_code == 409 and dup.json()["duplicate"] is True
    assert Vote.objects.count() == 2


@pytest.mark.parametrize("change", ["password", "inactive", "unverified"])
def test_returning_voter_who_changed_is_decided_by_django(client, campaign, change):
    from wenming.honors.queries import _KNOWN_VOTERS

    first, second = campaign.nominations.all()[:2]
    voter = verified_user()
    client.force_login(voter)
    url = reverse("honors:api_vote")
    assert client.post(url, {"candidate": first.pk}).status_code == 200
    assert voter.pk in _KNOWN_VOTERS
    if change == "password":
        voter.set_password("a-new-password-9")
    elif change == "inactive":
        voter.is_active = False
    else:
        voter.phone_verified_at = None
    voter.save()
    response = client.post(url, {"candidate": second.pk})
    if change == "unverified":
        assert response.status_code == 403 and "验证手机号" in response.json()["error"]
    else:
        assert response.status_code == 401
    if change == "password":
        assert "_auth_user_id" not in client.session  # Django ended the session
    assert voter.pk not in _KNOWN_VOTERS
    assert list(Vote.objects.values_list("candidate", flat=True)) == [first.pk]


def test_a_session_for_another_password_never_matches_a_remembered_voter(client, campaign):
    """The remembered hash only vouches for sessions made with that very password."""
    first, second = campaign.nominations.all()[:2]
    voter = verified_user()
    client.force_login(voter)
    url = reverse("honors:api_vote")
    assert client.post(url, {"candidate": first.pk}).status_code == 200
    session = client.session
    session["_auth_user_hash"] = "0" * 64
    session.save()
    assert client.post(url, {"candidate": second.pk}).status_code == 401
    assert Vote.objects.count() == 1
