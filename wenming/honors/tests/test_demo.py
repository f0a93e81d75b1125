"""The demo campaign is carried through every stage by the actions, and loading twice changes nothing."""

import pytest

from wenming.core.demo import DemoContext
from wenming.honors.choices import NominationStatus
from wenming.honors.demo import DEMO_CANDIDATES, load_demo
from wenming.honors.models import Campaign, Expert, Nomination, PanelRound, PublicNotice

pytestmark = pytest.mark.django_db


def test_demo_is_complete_and_idempotent(personas):
    ctx = DemoContext(
        scheme=None,
        region=personas.county,
        users={"admin": personas.admin, "expert": personas.expert, "citizen1": personas.citizen},
        password="x",
    )
    load_demo(ctx)
    counts = (
        Campaign.objects.count(),
        Nomination.objects.count(),
        PublicNotice.objects.count(),
        Expert.objects.count(),
        PanelRound.objects.count(),
    )
    load_demo(ctx)
    assert counts == (
        Campaign.objects.count(),
        Nomination.objects.count(),
        PublicNotice.objects.count(),
        Expert.objects.count(),
        PanelRound.objects.count(),
    )
    assert Nomination.objects.filter(status=NominationStatus.CANDIDATE).count() == len(DEMO_CANDIDATES)
    personas.citizen.refresh_from_db()
    assert personas.citizen.is_verified
