"""Panel draws: reproducible from seed and snapshot, conflicts excluded; scoring closes the round."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wenming.honors import actions
from wenming.honors.draw import draw_panel
from wenming.honors.models import PanelRound, PanelSeat
from wenming.testing.factories import UserFactory

from .factories import CampaignFactory, ExpertFactory, NominationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(personas):
    campaign = CampaignFactory(region=personas.county)
    a = NominationFactory(campaign=campaign, nominee_unit=personas.dept)
    b = NominationFactory(campaign=campaign, nominee_unit=personas.town)
    conflicted = [ExpertFactory(unit=personas.dept), ExpertFactory(unit=personas.town)]
    free = [ExpertFactory(unit=personas.town2) for _ in range(6)]
    ExpertFactory(unit=personas.town2, active=False)
    return campaign, [a, b], conflicted, free


def deadline():
    return timezone.now() + timedelta(days=3)


def test_draw_excludes_conflicts_and_is_reproducible(setup, personas):
    campaign, _cands, conflicted, free = setup
    panel_round = actions.draw_round(
        personas.reviewer, campaign, panel_size=4, deadline=deadline(), seed="abc123"
    )
    drawn = set(panel_round.drawn)
    assert len(drawn) == 4 and drawn <= {e.pk for e in free}
    assert panel_round.excluded == sorted(e.pk for e in conflicted)
    assert [pk for pk, _u in panel_round.pool_snapshot] == sorted(e.pk for e in free)
    assert set(PanelSeat.objects.filter(round=panel_round).values_list("expert_id", flat=True)) == drawn
    # The same seed over the same snapshot gives the same panel; another seed may not.
    assert draw_panel("abc123", panel_round.pool_snapshot, 4) == panel_round.drawn
    again = actions.draw_round(personas.reviewer, campaign, panel_size=4, deadline=deadline(), seed="abc123")
    assert (again.number, again.drawn) == (2, panel_round.drawn)


def test_random_seed_is_recorded(setup, personas):
    campaign, *_ = setup
    panel_round = actions.draw_round(personas.reviewer, campaign, panel_size=2, deadline=deadline())
    assert len(panel_round.seed) == 32
    assert draw_panel(panel_round.seed, panel_round.pool_snapshot, 2) == panel_round.drawn


def test_draw_refusals(setup, personas):
    campaign, *_ = setup
    with pytest.raises(ValidationError, match="不足 7 人"):
        actions.draw_round(personas.reviewer, campaign, panel_size=7, deadline=deadline())
    with pytest.raises(PermissionDenied):
        actions.draw_round(personas.citizen, campaign, panel_size=2, deadline=deadline())
    empty = CampaignFactory(region=personas.county)
    with pytest.raises(ValidationError, match="还没有候选人"):
        actions.draw_round(personas.reviewer, empty, panel_size=2, deadline=deadline())
    assert not PanelRound.objects.exists()


def test_scoring_by_drawn_experts_closes_the_round(setup, personas):
    campaign, cands, _conflicted, free = setup
    for expert, user in zip(free, [personas.expert, *(UserFactory() for _ in free[1:])], strict=True):
        expert.user = user
        expert.save()
    panel_round = actions.draw_round(personas.reviewer, campaign, panel_size=6, deadline=deadline())
    with pytest.raises(PermissionDenied):
        actions.submit_score(personas.citizen, panel_round, cands[0], Decimal(90))
    with pytest.raises(ValidationError, match="0 到 100"):
        actions.submit_score(personas.expert, panel_round, cands[0], Decimal(101))
    stranger = NominationFactory(campaign=campaign)
    with pytest.raises(ValidationError, match="不是本轮候选人"):
        actions.submit_score(personas.expert, panel_round, stranger, Decimal(80))
    with pytest.raises(ValidationError, match="仍有评委未评完"):
        actions.close_round(personas.reviewer, panel_round)
    for expert in free:
        for cand in cands:
            actions.submit_score(expert.user, panel_round, cand, Decimal(80))
    panel_round.refresh_from_db()
    assert panel_round.closed_at is not None
    with pytest.raises(ValidationError, match="已结束"):
        actions.submit_score(personas.expert, panel_round, cands[0], Decimal(70))


def test_round_closes_at_deadline(setup, personas):
    campaign, *_ = setup
    panel_round = actions.draw_round(personas.reviewer, campaign, panel_size=2, deadline=deadline())
    PanelRound.objects.filter(pk=panel_round.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    actions.close_round(personas.reviewer, panel_round)
    panel_round.refresh_from_db()
    assert panel_round.closed_at is not None
