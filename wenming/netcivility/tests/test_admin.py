"""Django admin lists and opens every netcivility model; mobiles stay masked there."""

import pytest
from django.apps import apps
from django.urls import reverse

from wenming.netcivility.choices import TeamRole

from .factories import member
from .test_prompts import issue


@pytest.mark.parametrize("model", [m._meta.model_name for m in apps.get_app_config("netcivility").get_models()])
def test_admin_pages(client, personas, model):
    m = member(personas.county, "甲", "13812345678", TeamRole.VOLUNTEER)
    issue(personas.county, [personas.county], personas.editor)
    client.force_login(personas.admin)
    body = client.get(reverse(f"admin:netcivility_{model}_changelist")).content.decode()
    assert "13812345678" not in body
    assert client.get(reverse(f"admin:netcivility_{model}_add")).status_code == 200
    if model == "member":
        assert "138****5678" in body
        page = client.get(reverse("admin:netcivility_member_change", args=[m.pk])).content.decode()
        assert "13812345678" not in page
