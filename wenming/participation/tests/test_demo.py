import pytest

from wenming.core.demo import load_demo
from wenming.journal.models import DomainEvent
from wenming.participation.choices import Status
from wenming.participation.models import Lead, Livestream, Story


@pytest.mark.django_db
def test_demo_rows_are_loaded_once(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    load_demo(password="demo-pass-123")
    counts = (Story.objects.count(), Lead.objects.count(), Livestream.objects.count(), DomainEvent.objects.count())
    assert Story.objects.filter(status=Status.ACCEPTED).count() == 3
    wish = Lead.objects.get()
    assert wish.is_wish and wish.status == Status.ACCEPTED
    live = Livestream.objects.get()
    assert live.unit.name == "溧城镇" and live.status == Status.ACCEPTED
    assert DomainEvent.objects.filter(type="livestream_declared", key=f"web:livestream_declared:{live.pk}").exists()
    load_demo(password="demo-pass-123")
    assert (Story.objects.count(), Lead.objects.count(), Livestream.objects.count(), DomainEvent.objects.count()) == counts
