"""Voting: verified people only, one vote per candidate per round or day, rate limits, voiding."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from wenming.honors import actions
from wenming.honors.choices import NominationStatus, VotePeriod
from wenming.honors.models import Vote
from wenming.journal.models import AuditEntry
from wenming.testing.factories import UserFactory, shanghai

from .factories import CampaignFactory, NominationFactory, verified_user

pytestmark = pytest.mark.django_db


def limits(person=30, ip=600):
    from django.conf import settings

    return override_settings(
        WENMING={**settings.WENMING, "VOTE_RATE_PER_PERSON": person, "VOTE_RATE_PER_IP": ip}
    )


def test_one_vote_per_candidate_per_round():
    cand = NominationFactory()
    voter = verified_user()
    assert actions.cast_vote(voter, cand, ip="10.0.0.1", user_agent="UA") is True
    assert actions.cast_vote(voter, cand, ip="10.0.0.1", user_agent="UA") is False
    other = NominationFactory(campaign=cand.campaign)
    assert actions.cast_vote(voter, other) is True
    vote = Vote.objects.get(candidate=cand)
    assert (vote.slot, vote.ip, vote.user_agent) == (0, "10.0.0.1", "UA")
    assert Vote.objects.count() == 2


def test_per_day_campaign_allows_one_vote_each_shanghai_day():
    cand = NominationFactory(campaign=CampaignFactory(vote_period=VotePeriod.DAY))
    voter = verified_user()
    # 23:30 UTC on 1 May is 07:30 on 2 May in Shanghai: a different voting day from 20:00 UTC.
    first = shanghai(2026, 5, 2, 4, 0)
    assert actions.cast_vote(voter, cand, at=first) is True
    assert actions.cast_vote(voter, cand, at=first + timedelta(hours=10)) is False
    assert actions.cast_vote(voter, cand, at=shanghai(2026, 5, 3, 0, 5)) is True
    assert sorted(Vote.objects.values_list("slot", flat=True)) == [20260502, 20260503]


def test_unverified_and_anonymous_people_cannot_vote():
    cand = NominationFactory()
    with pytest.raises(PermissionDenied, match="验证手机号"):
        actions.cast_vote(UserFactory(), cand)
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied, match="请先登录"):
        actions.cast_vote(AnonymousUser(), cand)
    assert not Vote.objects.exists()


def test_only_candidates_within_the_voting_window():
    voter = verified_user()
    with pytest.raises(ValidationError, match="不在投票名单"):
        actions.cast_vote(voter, NominationFactory(status=NominationStatus.ACCEPTED))
    closed = NominationFactory(campaign=CampaignFactory(voting_closes=timezone.now() - timedelta(minutes=1)))
    with pytest.raises(ValidationError, match="不在投票时间内"):
        actions.cast_vote(voter, closed)
    assert not Vote.objects.exists()


def test_rate_limit_per_person():
    campaign = CampaignFactory()
    cands = [NominationFactory(campaign=campaign) for _ in range(4)]
    voter = verified_user()
    with limits(person=3):
        for cand in cands[:3]:
            assert actions.cast_vote(voter, cand)
        with pytest.raises(actions.RateLimited, match="过于频繁"):
            actions.cast_vote(voter, cands[3])
    assert Vote.objects.count() == 3


def test_rate_limit_per_ip():
    cand = NominationFactory()
    with limits(ip=2):
        actions.cast_vote(verified_user(), cand, ip="10.9.9.9")
        actions.cast_vote(verified_user(), cand, ip="10.9.9.9")
        with pytest.raises(actions.RateLimited):
            actions.cast_vote(verified_user(), cand, ip="10.9.9.9")
        assert actions.cast_vote(verified_user(), cand, ip="10.9.9.10")
    assert Vote.objects.count() == 3


def test_void_votes_with_reason_is_audited(personas):
    cand = NominationFactory(campaign=CampaignFactory(region=personas.county))
    votes = [verified_user() for _ in range(3)]
    for voter in votes:
        actions.cast_vote(voter, cand)
    ids = list(Vote.objects.values_list("pk", flat=True))
    with pytest.raises(ValidationError, match="作废原因"):
        actions.void_votes(personas.reviewer, cand.campaign, ids, reason=" ")
    with pytest.raises(PermissionDenied):
        actions.void_votes(personas.citizen, cand.campaign, ids, reason="刷票")
    assert actions.void_votes(personas.reviewer, cand.campaign, ids[:2], reason="同一IP集中刷票") == 2
    assert Vote.objects.filter(voided_at__isnull=False).count() == 2
    entry = AuditEntry.objects.get(verb="honors.void_votes")
    assert (entry.reason, entry.data["votes"]) == ("同一IP集中刷票", sorted(ids[:2]))
    # A voided vote keeps its slot: the same person cannot vote again.
    assert actions.cast_vote(votes[0], cand) is False


def test_record_fraud_calls_the_assessment(personas):
    from wenming.assessment.models import FraudFinding

    campaign = CampaignFactory(region=personas.county)
    finding = actions.record_fraud(
        personas.admin, campaign, personas.dept, year=2026, evidence="组织刷票 300 票"
    )
    assert FraudFinding.objects.filter(pk=finding.pk, unit=personas.dept, year=2026).exists()
    assert finding.source == f"honors:campaign:{campaign.pk}"
    with pytest.raises(PermissionDenied):
        actions.record_fraud(personas.citizen, campaign, personas.dept, year=2026, evidence="x")


@pytest.mark.django_db(transaction=True)
def test_concurrent_same_vote_makes_exactly_one_row(on_postgres):
    cand = NominationFactory()
    voter = verified_user()
    threads_n = 12
    barrier = threading.Barrier(threads_n)
    results, errors = [], []

    def race():
        try:
            barrier.wait()
            results.append(actions.cast_vote(voter, cand, ip="10.0.0.1"))
        except Exception as exc:  # any failure is a test failure, reported below
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=race) for _ in range(threads_n)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    assert sorted(results) == [False] * (threads_n - 1) + [True]
    assert Vote.objects.filter(candidate=cand, voter=voter).count() == 1


def test_rate_limit_through_redis_in_one_round_trip():
    """Production keeps the windows in Redis; the pipelined path counts the same way."""
    import redis
    from django.core.cache import caches

    location = "redis://127.0.0.1:6379/14"
    try:
        redis.Redis.from_url(location).ping()
    except redis.ConnectionError:
        pytest.fail(
            "Redis is part of the production stack and must run for this test (redis://127.0.0.1:6379)"
        )
    redis_cache = {"default": {"BACKEND": "wenming.core.cache.RedisCache", "LOCATION": location}}
    campaign = CampaignFactory()
    cands = [NominationFactory(campaign=campaign) for _ in range(3)]
    voter = verified_user()
    with override_settings(CACHES=redis_cache), limits(person=2):
        caches["default"].clear()
        assert actions.cast_vote(voter, cands[0], ip="10.2.2.2")
        assert actions.cast_vote(voter, cands[1], ip="10.2.2.2")
        with pytest.raises(actions.RateLimited):
            actions.cast_vote(voter, cands[2], ip="10.2.2.2")
        ttl = redis.Redis.from_url(location).ttl(
            caches["default"].make_key(f"honors:rate:user:{voter.pk}:{int(timezone.now().timestamp()) // 60}")
        )
        assert 0 < ttl <= 90
        caches["default"].clear()
    assert Vote.objects.count() == 2


# --- the popular-vote path: the candidate and window checks are conditions of the INSERT itself ---


def test_vote_by_id_counts_once_and_records_time_address_agent():
    cand = NominationFactory()
    voter = verified_user()
    at = timezone.now()
    assert actions.cast_vote_by_id(voter.pk, cand.pk, ip="10.0.0.7", user_agent="UA/2", at=at) is True
    assert actions.cast_vote_by_id(voter.pk, cand.pk, ip="10.0.0.7", user_agent="UA/2") is False
    vote = Vote.objects.get()
    assert (vote.candidate, vote.voter, vote.slot, vote.at, vote.ip, vote.user_agent) == (
        cand,
        voter,
        0,
        at,
        "10.0.0.7",
        "UA/2",
    )


def test_vote_by_id_per_day_slot_in_shanghai():
    cand = NominationFactory(campaign=CampaignFactory(vote_period=VotePeriod.DAY))
    voter = verified_user()
    first = shanghai(2026, 5, 2, 4, 0)
    assert actions.cast_vote_by_id(voter.pk, cand.pk, at=first) is True
    assert actions.cast_vote_by_id(voter.pk, cand.pk, at=first + timedelta(hours=10)) is False
    assert actions.cast_vote_by_id(voter.pk, cand.pk, at=shanghai(2026, 5, 3, 0, 5)) is True
    assert sorted(Vote.objects.values_list("slot", flat=True)) == [20260502, 20260503]


def test_vote_by_id_refuses_non_candidates_closed_windows_and_unknown_ids():
    voter = verified_user()
    with pytest.raises(ValidationError, match="不在投票名单"):
        actions.cast_vote_by_id(voter.pk, NominationFactory(status=NominationStatus.ACCEPTED).pk)
    now = timezone.now()
    closed = NominationFactory(campaign=CampaignFactory(voting_closes=now - timedelta(minutes=1)))
    with pytest.raises(ValidationError, match="不在投票时间内"):
        actions.cast_vote_by_id(voter.pk, closed.pk)
    later = NominationFactory(campaign=CampaignFactory(voting_opens=now + timedelta(minutes=5)))
    with pytest.raises(ValidationError, match="不在投票时间内"):
        actions.cast_vote_by_id(voter.pk, later.pk)
    # The window edges: open from voting_opens inclusive, closed at voting_closes.
    edged = NominationFactory(
        campaign=CampaignFactory(voting_opens=now, voting_closes=now + timedelta(hours=1))
    )
    assert actions.cast_vote_by_id(voter.pk, edged.pk, at=now) is True
    with pytest.raises(ValidationError, match="不在投票时间内"):
        actions.cast_vote_by_id(voter.pk, edged.pk, at=now + timedelta(hours=1))
    from wenming.honors.models import Nomination

    with pytest.raises(Nomination.DoesNotExist):
        actions.cast_vote_by_id(voter.pk, 987654321)
    assert Vote.objects.count() == 1


def test_vote_by_id_rate_limited_per_person():
    campaign = CampaignFactory()
    cands = [NominationFactory(campaign=campaign) for _ in range(3)]
    voter = verified_user()
    with limits(person=2):
        assert actions.cast_vote_by_id(voter.pk, cands[0].pk, ip="10.1.1.1")
        assert actions.cast_vote_by_id(voter.pk, cands[1].pk, ip="10.1.1.1")
        with pytest.raises(actions.RateLimited):
            actions.cast_vote_by_id(voter.pk, cands[2].pk, ip="10.1.1.1")
    assert Vote.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_same_vote_by_id_makes_exactly_one_row(on_postgres):
    cand = NominationFactory()
    voter = verified_user()
    threads_n = 12
    barrier = threading.Barrier(threads_n)
    results, errors = [], []

    def race():
        try:
            barrier.wait()
            results.append(actions.cast_vote_by_id(voter.pk, cand.pk, ip="10.0.0.1"))
        except Exception as exc:  # any failure is a test failure, reported below
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=race) for _ in range(threads_n)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    assert sorted(results) == [False] * (threads_n - 1) + [True]
    assert Vote.objects.filter(candidate=cand, voter=voter).count() == 1
