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


def test_comments_on_my_wish_and_replies_to_me_show_on_my_page(client, personas):
    p = personas
    wish = LeadFactory(author=p.citizen, unit=p.town, accepted=True)
    other = StoryFactory(author=p.citizen2, unit=p.town, accepted=True)
    actions.post_comment(p.citizen2, wish, "我可以帮忙买书包")
    mine = actions.post_comment(p.citizen, other, "真是好样的榜样")
    actions.post_comment(p.citizen2, other, "谢谢你的鼓励呀", parent=mine)
    actions.post_comment(p.citizen2, other, "这条与张三无关")
    client.force_login(p.citizen)
    received = client.get(reverse("participation:me")).content.decode().split('id="my-replies"')[1].split("</section>")[0]
    assert "我可以帮忙买书包" in received and "谢谢你的鼓励呀" in received
    assert "这条与张三无关" not in received
