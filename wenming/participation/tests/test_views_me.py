import pytest
from django.urls import reverse

from wenming.participation import actions

from .factories import LeadFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_my_page_lists_my_posts_comments_likes_and_shares(client, personas, django_assert_max_num_queries):
    p = personas
    mine = StoryFactory(author=p.citizen, unit=p.town, accepted=True, title="我的故事")
    StoryFactory(author=p.citizen, unit=p.town, title="我待审的故事")
    other = LeadFactory(author=p.citizen2, unit=p.town, accepted=True, title="别人的心愿")
    actions.post_comment(p.citizen2, mine, "写得真好，点赞！")
    actions.post_comment(p.citizen, other, "我来帮忙实现这个心愿")
    actions.toggle_like(p.citizen, other)
    actions.record_share(p.citizen, other, channel="wechat_friend")
    client.force_login(p.citizen)
    with django_assert_max_num_queries(20):
        body = client.get(reverse("participation:me")).content.decode()
    assert "我的故事" in body and "已录用" in body and "我待审的故事" in body and "待审核" in body
    assert "写得真好，点赞！" in body  # a comment received
    assert "我来帮忙实现这个心愿" in body
    assert body.count("别人的心愿") >= 3  # commented, liked, shared
    assert "溧城镇" in body


def test_liaisons_find_the_livestream_page_from_my_page(client, personas):
    client.force_login(personas.liaison)
    assert reverse("participation:livestreams") in client.get(reverse("participation:me")).content.decode()
    client.force_login(personas.citizen)
    assert reverse("participation:livestreams") not in client.get(reverse("participation:me")).content.decode()
