"""Campaigns and experts are changed in the console only; Django admin shows them read-only."""

import pytest
from django.urls import reverse

from wenming.honors.models import Campaign, Expert

from .factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_admin_shows_campaigns_and_experts_but_changes_nothing(client, personas):
    campaign = CampaignFactory(region=personas.city, name="原名称")
    expert = Expert.objects.create(name="刘专家", unit=personas.city, field="教育")
    client.force_login(personas.admin)

    page = client.get(reverse("admin:honors_campaign_change", args=[campaign.pk]))
    assert page.status_code == 200
    assert "原名称" in page.content.decode()
    assert 'name="name"' not in page.content.decode()  # no input: a view-only page

    answer = client.post(reverse("admin:honors_campaign_change", args=[campaign.pk]), {"name": "改名"})
    assert answer.status_code == 403
    assert Campaign.objects.get(pk=campaign.pk).name == "原名称"
    assert client.get(reverse("admin:honors_campaign_add")).status_code == 403
    assert client.post(reverse("admin:honors_expert_delete", args=[expert.pk]), {"post": "yes"}).status_code == 403
    assert Expert.objects.filter(pk=expert.pk, active=True).exists()
    assert client.get(reverse("admin:honors_expert_changelist")).status_code == 200
