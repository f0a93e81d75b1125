"""Publishing: an immutable numbered snapshot, the month frozen, re-publishing only after a reopen."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from wenming.assessment.actions import publish_bulletin
from wenming.assessment.bulletins import BulletinError
from wenming.assessment.models import Bulletin
from wenming.core.periods import Month
from wenming.journal.actions import record_event
from wenming.points import actions as points_actions
from wenming.points.queries import is_frozen
from wenming.testing.factories import shanghai

pytestmark = pytest.mark.django_db
APRIL = Month(2017, 4)


def share(person, key, day):
    record_event(key=key, type="share_accepted", at=shanghai(2017, 4, day, 9), person=person, data={"story": key})


def row_of(bulletin, name):
    return next(r for r in bulletin.data["rows"] if r["unit"] == name)


def test_publish_stores_snapshot_and_freezes_month(liyang, personas):
    share(personas.citizen, "a", 3)
    bulletin = publish_bulletin(liyang, APRIL, actor=personas.admin)
    assert bulletin.version == 1
    assert row_of(bulletin, "溧城镇")["values"]["points"] == "0.5"
    assert row_of(bulletin, "溧城镇")["rank"] == 1
    assert is_frozen(liyang, APRIL)
    with pytest.raises(ValueError):
        bulletin.save()


def test_republishing_needs_a_reopen_and_keeps_earlier_versions(liyang, personas):
    share(personas.citizen, "a", 3)
    first = publish_bulletin(liyang, APRIL, actor=personas.admin)
    with pytest.raises(BulletinError, match="已发布"):
        publish_bulletin(liyang, APRIL, actor=personas.admin)
    points_actions.reopen_month(liyang, APRIL, actor=personas.admin, reason="补录一条录用稿件")
    share(personas.citizen, "b", 4)
    second = publish_bulletin(liyang, APRIL, actor=personas.admin)
    assert second.version == 2
    assert row_of(second, "溧城镇")["values"]["points"] == "1"
    first.refresh_from_db()
    assert row_of(first, "溧城镇")["values"]["points"] == "0.5"
    assert Bulletin.objects.filter(scheme=liyang, year=2017, month=4).count() == 2
    assert Decimal(second.data["totals"]["points"]) == Decimal(1)


@pytest.mark.parametrize("who", ["editor", "reviewer", "liaison"])
def test_only_admin_publishes(liyang, personas, who):
    with pytest.raises(PermissionDenied):
        publish_bulletin(liyang, APRIL, actor=getattr(personas, who))
    assert not Bulletin.objects.exists()
    assert not is_frozen(liyang, APRIL)


def test_month_not_yet_over_is_refused(liyang, personas):
    from django.utils import timezone

    current = Month.of(timezone.now())
    with pytest.raises(BulletinError):
        publish_bulletin(liyang, current, actor=personas.admin)
    with pytest.raises(BulletinError):
        publish_bulletin(liyang, current.next(), actor=personas.admin)
    assert not Bulletin.objects.exists()
