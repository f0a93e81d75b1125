from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from wenming.core.periods import Month
from wenming.journal.models import DomainEvent
from wenming.participation import actions
from wenming.participation.choices import Status
from wenming.participation.models import Story

from .factories import LeadFactory, LivestreamFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_the_queue_is_for_editors(client, personas):
    client.force_login(personas.citizen)
    assert client.get(reverse("participation:queue")).status_code == 403
    client.force_login(personas.liaison)
    assert client.get(reverse("participation:queue")).status_code == 403
    client.logout()
    assert client.get(reverse("participation:queue")).status_code == 302


def test_queue_lists_pending_items_in_scope_with_bounded_queries(client, personas, django_assert_max_num_queries):
    p = personas
    for _ in range(10):
        StoryFactory(author=p.citizen, unit=p.town)
        LeadFactory(author=p.citizen, unit=p.dept)
        LivestreamFactory(author=p.liaison, unit=p.town)
    StoryFactory(author=p.citizen, unit=p.other_city, title="外市的故事")
    client.force_login(p.editor)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("participation:queue"))
    body = response.content.decode()
    assert body.count('class="pick"') == 30
    assert "外市的故事" not in body
    filtered = client.get(reverse("participation:queue"), {"unit": p.dept.pk}).content.decode()
    assert filtered.count('class="pick"') == 10


def test_accept_and_reject_from_the_queue(client, personas):
    p = personas
    a, b = StoryFactory(author=p.citizen, unit=p.town), StoryFactory(author=p.citizen, unit=p.town)
    client.force_login(p.editor)
    client.post(reverse("participation:decide", args=["story", a.pk, "accept"]))
    response = client.post(reverse("participation:decide", args=["story", b.pk, "reject"]), {"reason": ""}, follow=True)
    assert "请填写未录用原因" in response.content.decode()
    client.post(reverse("participation:decide", args=["story", b.pk, "reject"]), {"reason": "重复投稿"})
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.status == Status.ACCEPTED and b.status == Status.REJECTED and b.reason == "重复投稿"
    history = client.get(reverse("participation:console_item", args=["story", b.pk])).content.decode()
    assert "重复投稿" in history and "未录用" in history and p.editor.display_name in history
    assert client.post(reverse("participation:decide", args=["story", b.pk, "delete"])).status_code == 404


def test_an_outside_editor_cannot_decide(client, personas):
    story = StoryFactory(author=personas.citizen, unit=personas.town)
    client.force_login(personas.outsider_editor)
    assert client.post(reverse("participation:decide", args=["story", story.pk, "accept"])).status_code == 403
    assert client.get(reverse("participation:console_item", args=["story", story.pk])).status_code == 403
    story.refresh_from_db()
    assert story.status == Status.PENDING


def test_bulk_accept(client, personas):
    p = personas
    items = [StoryFactory(author=p.citizen, unit=p.town) for _ in range(3)]
    lead = LeadFactory(author=p.citizen, unit=p.dept)
    client.force_login(p.editor)
    values = [f"story:{s.pk}" for s in items] + [f"lead:{lead.pk}", "bogus:1"]
    client.post(reverse("participation:bulk_accept"), {"items": values})
    assert Story.objects.filter(status=Status.ACCEPTED).count() == 3
    assert DomainEvent.objects.filter(type__in=["share_accepted", "lead_accepted"]).count() == 4
    response = client.post(reverse("participation:bulk_accept"), {}, follow=True)
    assert "请先勾选" in response.content.decode()


def test_comment_review_marks_validity(client, personas, django_assert_max_num_queries):
    p = personas
    story = StoryFactory(author=p.citizen, unit=p.town, accepted=True)
    comments = [actions.post_comment(p.citizen2, story, f"第{i}条：向好人学习") for i in range(10)]
    client.force_login(p.editor)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("participation:comment_review")).content.decode()
    assert body.count("判为无效") == 10
    client.post(reverse("participation:comment_validity", args=[comments[0].pk]), {"valid": "0"})
    comments[0].refresh_from_db()
    assert not comments[0].valid
    assert "判为有效" in client.get(reverse("participation:comment_review"), {"valid": "0"}).content.decode()


def test_flagged_items_page(client, personas, settings):
    settings.WENMING = {**settings.WENMING, "FLAGS_TO_HIDE": 1}
    p = personas
    story = StoryFactory(author=p.citizen, unit=p.town, accepted=True, title="被举报的故事")
    actions.flag(p.citizen2, story)
    client.force_login(p.editor)
    assert "被举报的故事" in client.get(reverse("participation:flagged")).content.decode()
    client.post(reverse("participation:flag_review", args=["story", story.pk]), {"restore": "1"})
    story.refresh_from_db()
    assert not story.hidden
    assert "被举报的故事" not in client.get(reverse("participation:flagged")).content.decode()


def test_per_unit_monthly_counts(client, personas, django_assert_max_num_queries):
    p = personas
    now = timezone.now()
    StoryFactory(author=p.citizen, unit=p.town)
    StoryFactory(author=p.citizen, unit=p.town, accepted=True)
    LeadFactory(author=p.citizen, unit=p.dept, accepted=True)
    LivestreamFactory(author=p.liaison, unit=p.town, status=Status.ACCEPTED, decided_at=now, held_at=now)
    LivestreamFactory(author=p.liaison, unit=p.town, status=Status.ACCEPTED, decided_at=now, held_at=now, undeclared=True)
    StoryFactory(author=p.citizen, unit=p.town, created_at=now - timedelta(days=62))
    client.force_login(p.editor)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("participation:counts"), {"month": str(Month.of(now))})
    rows = {row.unit: row for row in response.context["rows"]}
    town, dept = rows[p.town], rows[p.dept]
    assert (town.submissions, town.accepted, town.declared, town.held, town.undeclared) == (2, 1, 1, 1, 1)
    assert (dept.submissions, dept.accepted) == (1, 1)
    assert p.other_city not in rows
    assert client.get(reverse("participation:counts"), {"month": "garbage"}).status_code == 200
