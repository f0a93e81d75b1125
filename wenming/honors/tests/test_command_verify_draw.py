from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from wenming.honors import actions
from wenming.honors.models import PanelRound

from .factories import CampaignFactory, ExpertFactory, NominationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel_round(personas):
    campaign = CampaignFactory(region=personas.county)
    NominationFactory(campaign=campaign, nominee_unit=personas.dept)
    for _ in range(5):
        ExpertFactory(unit=personas.town)
    return actions.draw_round(
        personas.reviewer, campaign, panel_size=3, deadline=timezone.now() + timedelta(days=1)
    )


def test_verify_draw_confirms_a_true_record(panel_round):
    out = StringIO()
    call_command("verify-draw", str(panel_round.pk), stdout=out)
    assert "一致" in out.getvalue() and panel_round.seed in out.getvalue()


def test_verify_draw_detects_a_tampered_record(panel_round):
    others = [pk for pk, _u in panel_round.pool_snapshot if pk not in panel_round.drawn]
    PanelRound.objects.filter(pk=panel_round.pk).update(drawn=[*panel_round.drawn[:-1], others[0]])
    with pytest.raises(CommandError, match="不一致"):
        call_command("verify-draw", str(panel_round.pk))


def test_verify_draw_unknown_round():
    with pytest.raises(CommandError, match="没有编号为 404"):
        call_command("verify-draw", "404")
