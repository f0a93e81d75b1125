from decimal import Decimal

import pytest
from django.utils import timezone

from wenming.core.demo import load_demo
from wenming.volunteering import queries
from wenming.volunteering.models import Attendance, Organisation, Session, Volunteer


@pytest.mark.django_db
def test_demo_rows_around_today(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    load_demo(password="demo-pass-123")
    assert Organisation.objects.get(name="燕山社区志愿服务队").parent.parent.parent.name == "溧阳市新时代文明实践中心"
    assert Volunteer.objects.count() == 3
    assert Attendance.objects.filter(check_out__isnull=True).exists()  # someone forgot to check out
    assert sum((queries.counted_hours(v) for v in Volunteer.objects.all()), Decimal(0)) > 0
    assert Session.objects.filter(start__gt=timezone.now()).exists()
