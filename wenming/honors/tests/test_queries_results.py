"""Results: normalised expert scores and votes by weight, ties, immutable published lists."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wenming.honors import actions
from wenming.honors.models import PanelRound, ResultEntry, Score, Vote
from wenming.honors.queries import compute_results

from .factories import CampaignFactory, ExpertFactory, NominationFactory, verified_user

pytestmark = pytest.mark.django_db


def make(personas, weights=("0.6", "0.4"), list_size=2):
    campaign = CampaignFactory(
        region=personas.county,
        expert_weight=Decimal(weights[0]),
        vote_weight=Decimal(weights[1]),
        list_size=list_size,
    )
    t0 = timezone.now()
    cands = [NominationFactory(campaign=campaign, created_at=t0 + timedelta(minutes=i)) for i in range(4)]
    experts = [ExpertFactory(unit=personas.town2) for _ in range(2)]
    panel_round = actions.draw_round(
        personas.reviewer, campaign, panel_size=2, deadline=timezone.now() + timedelta(days=1)
    )
    return campaign, cands, experts, panel_round


def score(panel_round, experts, cand, *values):
    for expert, value in zip(experts, values, strict=True):
        Score.objects.create(
            round=panel_round, expert=expert, nomination=cand, score=Decimal(value), scored_at=timezone.now()
        )


def votes(cand, n):
    for _ in range(n):
        actions.cast_vote(verified_user(), cand)


def test_weights_normalise_and_rank(personas):
    campaign, (a, b, c, d), experts, panel_round = make(personas)
    score(panel_round, experts, a, 90, 90)  # best experts, few votes
    score(panel_round, experts, b, 60, 60)  # many votes
    score(panel_round, experts, c, 80, 80)
    score(panel_round, experts, d, 45, 45)
    votes(a, 1)
    votes(b, 4)
    votes(c, 2)
    rows = compute_results(campaign)
    # a: .6*1 + .4*.25 = .7; b: .6*(60/90) + .4*1 = .8; c: .6*(80/90) + .4*.5 = .7333; d: .6*.5 = .3
    assert [(r.nomination, r.total) for r in rows] == [
        (b, Decimal("0.8000")),
        (c, Decimal("0.7333")),
        (a, Decimal("0.7000")),
        (d, Decimal("0.3000")),
    ]
    assert [r.rank for r in rows] == [1, 2, 3, 4]
    assert (rows[0].expert_score, rows[0].votes) == (Decimal("60.00"), 4)


def test_voided_votes_do_not_count(personas):
    campaign, (a, b, *_), _experts, _round = make(personas, weights=("0", "1"))
    votes(a, 2)
    votes(b, 3)
    Vote.objects.filter(candidate=b).update(voided_at=timezone.now(), void_reason="刷票")
    assert compute_results(campaign)[0].nomination == a


def test_ties_go_to_expert_score_then_earlier_nomination(personas):
    campaign, (a, b, c, d), experts, panel_round = make(personas, weights=("0.5", "0.5"))
    # a and b tie on the total; b has the higher expert score. c and d tie on everything: c came first.
    score(panel_round, experts, a, 50, 50)
    score(panel_round, experts, b, 100, 100)
    score(panel_round, experts, c, 40, 40)
    score(panel_round, experts, d, 40, 40)
    votes(a, 2)
    votes(b, 0)
    votes(c, 1)
    votes(d, 1)
    rows = compute_results(campaign)
    # a: .5*.5 + .5*1 = .75; b: .5*1 + 0 = .5; c, d: .5*.4 + .5*.5 = .45
    assert [r.nomination for r in rows] == [a, b, c, d]
    score_b = Score.objects.filter(nomination=b)
    score_b.update(score=Decimal(50))
    votes(b, 2)  # now a and b tie exactly on total and expert score: a was nominated earlier
    rows = compute_results(campaign)
    assert [r.nomination for r in rows][:2] == [a, b]
    assert rows[0].total == rows[1].total


def test_publish_needs_closed_rounds_and_freezes_a_snapshot(personas):
    campaign, (a, b, c, d), experts, panel_round = make(personas)
    for cand, value in ((a, 90), (b, 80), (c, 70), (d, 60)):
        score(panel_round, experts, cand, value, value)
    with pytest.raises(ValidationError, match="评审尚未结束"):
        actions.publish_results(personas.admin, campaign, title="四月好人榜")
    # Past its deadline, the round is over without anyone closing it.
    PanelRound.objects.filter(pk=panel_round.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(PermissionDenied):
        actions.publish_results(personas.reviewer, campaign, title="四月好人榜")
    published = actions.publish_results(personas.admin, campaign, title="四月好人榜")
    entries = list(published.entries.all())
    assert [(e.rank, e.nominee_name, e.listed) for e in entries] == [
        (1, a.nominee_name, True),
        (2, b.nominee_name, True),
        (3, c.nominee_name, False),
        (4, d.nominee_name, False),
    ]
    # Later votes change the live ranking, never the published list.
    votes(d, 5)
    assert compute_results(campaign)[0].nomination == d
    assert published.entries.get(rank=1).nominee_name == a.nominee_name
    with pytest.raises(ValueError, match="不可修改"):
        entries[0].votes = 99
        entries[0].save()
    assert ResultEntry.objects.get(pk=entries[0].pk).votes == 0
