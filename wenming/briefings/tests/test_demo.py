import pytest

from wenming.briefings.choices import BriefingStatus, ManuscriptStatus
from wenming.briefings.models import Briefing, Manuscript
from wenming.core.demo import load_demo

pytestmark = pytest.mark.django_db


def test_demo_has_every_state_and_two_published_issues(settings, tmp_path):
    settings.DATA_DIR = str(tmp_path)
    load_demo(password="demo-pass-123")
    assert set(Manuscript.objects.values_list("status", flat=True)) == set(ManuscriptStatus.values)
    assert Briefing.objects.filter(status=BriefingStatus.PUBLISHED).count() == 2
    assert Briefing.objects.filter(status=BriefingStatus.DRAFT).count() == 1
    from wenming.journal.models import AuditEntry

    counts = (Manuscript.objects.count(), Briefing.objects.count(), AuditEntry.objects.count())
    load_demo(password="demo-pass-123")
    assert (Manuscript.objects.count(), Briefing.objects.count(), AuditEntry.objects.count()) == counts
