"""Regions ranked each month by leads made and accepted (Shandong practice)."""

import pytest

from wenming.core.periods import Month
from wenming.honors import actions
from wenming.honors.choices import Decision
from wenming.honors.queries import region_ranking
from wenming.orgs.choices import UnitKind
from wenming.testing.factories import UnitFactory, shanghai

from .factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_monthly_ranking_counts_made_and_accepted(personas):
    campaign = CampaignFactory(region=personas.county, start_level="village")
    village = UnitFactory(name="南渡村", kind=UnitKind.VILLAGE, parent=personas.town2)
    april = shanghai(2026, 4, 10, 9, 0)

    def lead(region, at=april):
        return actions.submit_nomination(
            personas.citizen,
            campaign,
            category="助人为乐",
            nominee_name="某人",
            story="事迹",
            region=region,
            at=at,
        )

    accepted = lead(personas.town)
    lead(personas.town)
    lead(village)
    lead(village)
    lead(village)
    lead(personas.town, at=shanghai(2026, 5, 1, 0, 30))  # May in Shanghai: not counted in April
    lead(personas.town, at=shanghai(2026, 3, 31, 23, 30))
    actions.review_nomination(personas.reviewer, accepted, Decision.ACCEPT)
    rows = region_ranking(personas.county, Month(2026, 4))
    table = [(r.rank, r.region.name, r.made, r.accepted) for r in rows]
    # Departments are not regions: only the two towns are ranked.
    assert table == [(1, "天目湖镇", 3, 0), (2, "溧城镇", 2, 1)]


def test_ties_share_a_rank(personas):
    rows = region_ranking(personas.county, Month(2026, 4))
    assert [(r.rank, r.region.name) for r in rows] == [(1, "溧城镇"), (1, "天目湖镇")]
    assert all(r.made == 0 for r in rows)
