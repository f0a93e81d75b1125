import pytest
from django.urls import reverse

from wenming.participation import actions
from wenming.testing.factories import UserFactory

from .factories import LeadFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_only_accepted_visible_content_is_in_the_feeds(client, personas):
    p = personas
    StoryFactory(author=p.citizen, unit=p.town, accepted=True, title="公开的故事")
    StoryFactory(author=p.citizen, unit=p.town, title="待审核的故事")
    StoryFactory(author=p.citizen, unit=p.town, accepted=True, hidden=True, title="被隐藏的故事")
    LeadFactory(author=p.citizen, unit=p.dept, accepted=True, title="教育局的心愿")
    body = client.get(reverse("participation:feed")).content.decode()
    assert "公开的故事" in body and "教育局的心愿" in body
    assert "待审核的故事" not in body and "被隐藏的故事" not in body
    unit_feed = client.get(reverse("participation:feed"), {"scope": "unit", "unit": p.town.pk}).content.decode()
    assert "公开的故事" in unit_feed and "教育局的心愿" not in unit_feed


def test_my_unit_feed_uses_my_group(client, personas):
    p = personas
    StoryFactory(author=p.citizen, unit=p.town, accepted=True, title="溧城镇的故事")
    LeadFactory(author=p.citizen, unit=p.dept, accepted=True, title="教育局的心愿")
    client.force_login(p.citizen)
    body = client.get(reverse("participation:feed"), {"scope": "unit"}).content.decode()
    assert "溧城镇的故事" in body and "教育局的心愿" not in body


def test_feed_query_count_does_not_grow_with_items(client, personas, django_assert_max_num_queries):
    p = personas
    for i in range(25):
        story = StoryFactory(author=p.citizen, unit=p.town, accepted=True)
        LeadFactory(author=p.citizen, unit=p.town, accepted=True)
        if i % 5 == 0:
            actions.toggle_like(UserFactory(), story)
            actions.post_comment(p.citizen2, story, f"第{i}条评论，向好人学习")
    client.force_login(p.citizen)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("participation:feed"))
    assert response.status_code == 200
    assert response.content.decode().count("item-card") == 30


def test_user_text_is_escaped_in_the_feed(client, personas):
    StoryFactory(author=personas.citizen, unit=personas.town, accepted=True, title="<script>alert(1)</script>", body="<img src=x onerror=alert(1)>")
    body = client.get(reverse("participation:feed")).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body
    assert "<img src=x" not in body
