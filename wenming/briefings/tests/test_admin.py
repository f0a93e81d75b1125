"""Admin lists and shows every briefings model (read-only but the points per level)."""

import pytest
from django.urls import reverse

from .factories import published_issue

pytestmark = pytest.mark.django_db


def test_admin_pages_open(client, personas):
    issue = published_issue(personas)
    client.force_login(personas.admin)
    for model in ("manuscript", "attachment", "briefing", "section", "adoption", "levelpoints"):
        assert client.get(reverse(f"admin:briefings_{model}_changelist")).status_code == 200
    page = client.get(reverse("admin:briefings_briefing_change", args=[issue.pk]))
    assert page.status_code == 200 and "苏简字1004号" in page.content.decode()
    assert client.get(reverse("admin:briefings_manuscript_add")).status_code == 403
    assert client.get(reverse("admin:briefings_levelpoints_add")).status_code == 200
