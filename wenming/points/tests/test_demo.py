"""The points demo rows: a catalogue and scored unit facts, idempotent."""

import pytest

from wenming.core.demo import load_demo
from wenming.core.periods import Month
from wenming.orgs.models import Unit
from wenming.points import queries
from wenming.points.models import CatalogueItem, Entry

pytestmark = pytest.mark.django_db


def test_demo_twice_changes_nothing():
    ctx = load_demo(password="demo-pass-123")
    counts = CatalogueItem.objects.count(), Entry.objects.count()
    town = Unit.objects.get(name="溧城镇", parent=ctx.region)
    # Headline on a workday 10 + reads >= 10000 10 + likes > 100 5.
    assert queries.unit_totals(ctx.scheme, Month(2017, 3))[town.pk] == 25
    load_demo(password="demo-pass-123")
    assert (CatalogueItem.objects.count(), Entry.objects.count()) == counts == (3, counts[1])
