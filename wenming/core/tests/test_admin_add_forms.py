"""Every admin "add" page answers an empty or hostile form with its errors, never a 500.

Rows that only actions write (rule sets from scheme files, frozen months, orders) have no add page at
all: an add form of read-only fields would save an empty row into a NOT NULL column.
"""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_no_admin_add_form_answers_500_to_an_empty_or_hostile_post(django_user_model):
    user = django_user_model.objects.create_superuser("root-admin", "root@example.org", "a-long-pass-123")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    failures = []
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        page = client.get(url)
        if page.status_code == 403:
            continue
        for data in ({}, {"name": "9" * 30, "title": "=1+1", "year": "9" * 30}):
            response = client.post(url, data)
            if response.status_code >= 500:
                failures.append(f"{url} {sorted(data)} → {response.status_code}")
    assert not failures, "\n".join(failures)
