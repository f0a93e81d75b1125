"""Staff: a unit's month with the breakdown by rule, and manual adjustments with a reason."""

from decimal import Decimal

import pytest
from django.urls import reverse

from wenming.core.periods import Month
from wenming.journal.models import AuditEntry
from wenming.points import queries
from wenming.points.models import Entry

from .helpers import ev

pytestmark = pytest.mark.django_db
MARCH = Month(2017, 3)


def _score(personas):
    ev("article_published", (2017, 3, 6, 7, 0), unit=personas.town, article="A", position=1)
    ev("repost", (2017, 3, 8, 9, 0), unit=personas.town, repost="R", level="local", reads_72h=2500)
    ev("like", (2017, 3, 2, 10, 0), person=personas.citizen, target="s:1")


def test_breakdown_list_for_the_editor(client, liyang, personas, django_assert_max_num_queries):
    _score(personas)
    client.force_login(personas.editor)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("points:staff_units"), {"month": "2017-03"})
    assert response.status_code == 200
    first = response.context["rows"][0]
    assert first[0] == personas.town and first[1] == Decimal("15.05")
    html = response.content.decode()
    assert "工作日头条" in html and "被转载" in html


def test_unit_page_and_adjustment_by_admin(client, liyang, personas):
    _score(personas)
    client.force_login(personas.admin)
    url = reverse("points:staff_unit", args=[personas.town.pk]) + "?month=2017-03"
    page = client.get(url)
    assert "重复报送" not in page.content.decode()
    assert page.context["total"] == Decimal("15.05")
    response = client.post(url, {"amount": "-2.5", "reason": "重复报送"})
    assert response.status_code == 302
    assert queries.unit_totals(liyang, MARCH)[personas.town.pk] == Decimal("12.55")
    entry = Entry.objects.get(kind="adjustment")
    assert (entry.actor, entry.reason) == (personas.admin, "重复报送")
    assert AuditEntry.objects.filter(verb="points.adjust", reason="重复报送").exists()


def test_adjustment_needs_a_reason_and_a_non_zero_amount(client, liyang, personas):
    client.force_login(personas.admin)
    url = reverse("points:staff_unit", args=[personas.town.pk]) + "?month=2017-03"
    response = client.post(url, {"amount": "0", "reason": " "})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["amount"] == ["调整分值不能为零"] and "reason" in errors
    assert "调整分值不能为零" in response.content.decode()
    assert not Entry.objects.filter(kind="adjustment").exists()


def test_liaison_sees_own_unit_but_cannot_adjust(client, liyang, personas):
    client.force_login(personas.liaison)
    url = reverse("points:staff_unit", args=[personas.town.pk])
    assert client.get(url).status_code == 200
    assert client.get(url).context["form"] is None
    assert client.post(url, {"amount": "5", "reason": "x"}).status_code == 403
    assert client.get(reverse("points:staff_unit", args=[personas.dept.pk])).status_code == 403


def test_citizen_cannot_open_staff_pages(client, liyang, personas):
    client.force_login(personas.citizen)
    assert client.get(reverse("points:staff_units")).status_code == 403
    assert client.get(reverse("points:staff_unit", args=[personas.town.pk])).status_code == 403
