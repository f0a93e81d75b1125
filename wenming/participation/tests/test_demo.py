from datetime import date

import pytest

from wenming.core.demo import load_demo
from wenming.journal.models import DomainEvent
from wenming.participation.choices import Status
from wenming.participation.demo import DEMO_STORIES, LEADS, RESIDENT_STORIES
from wenming.participation.models import Comment, Lead, Like, Livestream, Story, StoryImage


@pytest.mark.django_db
def test_demo_rows_are_loaded_once(tmp_path, settings):
    """The living demo (at a fixed today): stories with locally drawn pictures, leads and wishes,
    comments and likes, a livestream held the month before last and one declared for next week."""
    settings.DATA_DIR = tmp_path
    load_demo(password="demo-pass-123", today=date(2026, 11, 18))
    counts = (Story.objects.count(), Lead.objects.count(), Livestream.objects.count(), DomainEvent.objects.count())
    assert Story.objects.filter(status=Status.ACCEPTED).count() == len(DEMO_STORIES) + len(RESIDENT_STORIES)
    pictured = StoryImage.objects.values_list("story__title", flat=True)
    assert set(pictured) == {title for _n, title, *_rest in RESIDENT_STORIES}
    with StoryImage.objects.first().image.open("rb") as fh:
        assert fh.read(3) == b"\xff\xd8\xff"  # a real JPEG, drawn by Pillow
    assert Lead.objects.filter(status=Status.ACCEPTED).count() == len(LEADS) + 1
    assert Lead.objects.filter(kind="wish").count() == 3
    assert Comment.objects.filter(valid=True).count() > 10 and Like.objects.count() > 30
    held, planned = Livestream.objects.order_by("planned_start")
    assert held.unit.name == planned.unit.name == "溧城镇"
    assert (held.planned_start.year, held.planned_start.month) == (2026, 9) and held.held_at is not None
    assert DomainEvent.objects.filter(type="livestream_held", unit=held.unit).exists()
    assert DomainEvent.objects.filter(type="livestream_declared", key=f"web:livestream_declared:{planned.pk}").exists()
    load_demo(password="demo-pass-123", today=date(2026, 11, 18))
    assert (Story.objects.count(), Lead.objects.count(), Livestream.objects.count(), DomainEvent.objects.count()) == counts
