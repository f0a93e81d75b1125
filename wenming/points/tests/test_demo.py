"""The points demo rows: a catalogue, and the living demo's articles scored for last month, idempotent."""

from datetime import date

import pytest

from wenming.core.demo import load_demo
from wenming.core.periods import Month
from wenming.orgs.models import Unit
from wenming.points import queries
from wenming.points.models import CatalogueItem, Entry

pytestmark = pytest.mark.django_db


def test_demo_twice_changes_nothing():
    ctx = load_demo(password="demo-pass-123", today=date(2026, 11, 18))
    counts = CatalogueItem.objects.count(), Entry.objects.count()
    town = Unit.objects.get(name="溧城镇", parent=ctx.region)
    # 溧城镇 is first in the scheme's order: last month one workday headline (10), stats under the tiers.
    assert queries.unit_totals(ctx.scheme, Month(2026, 10))[town.pk] == 10
    load_demo(password="demo-pass-123", today=date(2026, 11, 18))
    assert (CatalogueItem.objects.count(), Entry.objects.count()) == counts == (4, counts[1])
