from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from wenming.core.periods import to_local
from wenming.participation.choices import Status
from wenming.participation.models import Livestream

from .factories import LivestreamFactory

pytestmark = pytest.mark.django_db


def _local(dt):
    return to_local(dt).strftime("%Y-%m-%dT%H:%M")


def test_only_liaisons_reach_the_livestream_pages(client, personas):
    client.force_login(personas.citizen)
    assert client.get(reverse("participation:livestreams")).status_code == 403
    assert client.get(reverse("participation:livestream_new")).status_code == 403
    client.force_login(personas.liaison)
    assert client.get(reverse("participation:livestreams")).status_code == 200


def test_declaring_through_the_form(client, personas):
    p = personas
    client.force_login(p.liaison)
    data = {"unit": p.town.pk, "title": "直播", "place": "广场", "link": "https://live.example.org/a"}
    response = client.post(reverse("participation:livestream_new"), {**data, "planned_start": _local(timezone.now() - timedelta(hours=1))})
    assert "必须晚于现在" in response.content.decode()
    assert not Livestream.objects.exists()
    response = client.post(reverse("participation:livestream_new"), {**data, "unit": p.dept.pk, "planned_start": _local(timezone.now() + timedelta(days=1))})
    assert "选择一个有效的选项" in response.content.decode()
    client.post(reverse("participation:livestream_new"), {**data, "planned_start": _local(timezone.now() + timedelta(days=1))})
    live = Livestream.objects.get()
    assert live.unit == p.town and live.status == Status.PENDING


def test_held_before_approval_says_why(client, personas):
    p = personas
    live = LivestreamFactory(author=p.liaison, unit=p.town)
    client.force_login(p.liaison)
    response = client.post(reverse("participation:livestream_held", args=[live.pk]), follow=True)
    assert "尚未审核通过" in response.content.decode()
    live.refresh_from_db()
    assert live.held_at is None


def test_held_and_clicks_through_the_pages(client, personas):
    p = personas
    live = LivestreamFactory(
        author=p.liaison, unit=p.town, status=Status.ACCEPTED, decided_at=timezone.now(), created_at=timezone.now() - timedelta(days=10)
    )
    client.force_login(p.liaison)
    held = timezone.now() - timedelta(days=4)
    client.post(reverse("participation:livestream_held", args=[live.pk]), {"held_at": _local(held)})
    live.refresh_from_db()
    assert live.held_at and not live.undeclared
    response = client.post(reverse("participation:livestream_clicks", args=[live.pk]), {"clicks": "-5"}, follow=True)
    assert "点击量不能为负数" in response.content.decode()
    client.post(reverse("participation:livestream_clicks", args=[live.pk]), {"clicks": "21000"})
    live.refresh_from_db()
    assert live.clicks_72h == 21000


def test_recording_an_undeclared_livestream(client, personas):
    p = personas
    client.force_login(p.liaison)
    client.post(
        reverse("participation:livestream_undeclared"),
        {"unit": p.town.pk, "title": "临时直播", "place": "广场", "link": "https://live.example.org/b", "held_at": _local(timezone.now() - timedelta(hours=2))},
    )
    live = Livestream.objects.get()
    assert live.undeclared
    assert "未提前申报" in client.get(reverse("participation:livestreams")).content.decode()


def test_livestream_list_query_count(client, personas, django_assert_max_num_queries):
    for _ in range(15):
        LivestreamFactory(author=personas.liaison, unit=personas.town)
    client.force_login(personas.liaison)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("participation:livestreams"))
    assert response.content.decode().count('class="card live"') == 15
