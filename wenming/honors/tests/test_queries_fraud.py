"""Burst detection for the staff fraud page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wenming.honors.models import Vote
from wenming.honors.queries import bursts
from wenming.testing.factories import UserFactory

from .factories import NominationFactory, verified_user

pytestmark = pytest.mark.django_db


def vote(cand, voter, at, ip="10.0.0.1", ua="Mozilla/5.0"):
    return Vote.objects.create(candidate=cand, voter=voter, slot=0, at=at, ip=ip, user_agent=ua)


def test_bursts_by_ip_user_agent_and_new_accounts():
    cand = NominationFactory()
    other = NominationFactory(campaign=cand.campaign)
    t0 = timezone.now() - timedelta(hours=1)
    old = timezone.now() - timedelta(days=60)
    # 25 votes from one IP within four minutes, from old accounts with varied agents.
    burst_ids = [
        vote(cand, UserFactory(date_joined=old), t0 + timedelta(seconds=10 * i), ua=f"UA{i}").pk
        for i in range(25)
    ]
    # Spread-out votes from one IP for another candidate: one every minute, never 20 in five minutes.
    for i in range(30):
        vote(other, UserFactory(date_joined=old), t0 + timedelta(minutes=i), ip="10.0.0.2", ua=f"UB{i}")
    # New accounts voting together from many IPs and agents.
    for i in range(20):
        vote(other, UserFactory(), timezone.now() - timedelta(seconds=i), ip=f"10.1.0.{i}", ua=f"UC{i}")
    found = bursts(cand.campaign, since=t0 - timedelta(minutes=1), threshold=20)
    kinds = {(b.kind, b.key, b.candidate.pk): b for b in found}
    assert set(kinds) == {("ip", "10.0.0.1", cand.pk), ("new", "", other.pk)}
    ip_burst = kinds[("ip", "10.0.0.1", cand.pk)]
    assert sorted(ip_burst.vote_ids) == sorted(burst_ids) and ip_burst.size == 25


def test_voided_votes_and_old_votes_are_ignored():
    cand = NominationFactory()
    t0 = timezone.now() - timedelta(days=3)
    for i in range(25):
        vote(cand, verified_user(date_joined=t0 - timedelta(days=30)), t0 + timedelta(seconds=i))
    assert bursts(cand.campaign, since=timezone.now() - timedelta(days=1)) == []
    assert len(bursts(cand.campaign, since=t0 - timedelta(minutes=1))) == 2  # one IP and one agent
    Vote.objects.update(voided_at=timezone.now(), void_reason="已处理")
    assert bursts(cand.campaign, since=t0 - timedelta(minutes=1)) == []
