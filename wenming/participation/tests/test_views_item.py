import pytest
from django.urls import reverse

from wenming.journal.models import DomainEvent
from wenming.participation import actions
from wenming.participation.models import Comment, Like, Share

from .factories import StoryFactory

pytestmark = pytest.mark.django_db


def url(name, story, *extra):
    return reverse(f"participation:{name}", args=["story", story.pk, *extra])


def test_pending_items_are_seen_only_by_the_author_and_editors(client, personas):
    p = personas
    story = StoryFactory(author=p.citizen, unit=p.town)
    assert client.get(url("item", story)).status_code == 404
    client.force_login(p.citizen2)
    assert client.get(url("item", story)).status_code == 404
    client.force_login(p.outsider_editor)
    assert client.get(url("item", story)).status_code == 404
    client.force_login(p.editor)
    assert "在工作台审核" in client.get(url("item", story)).content.decode()
    client.force_login(p.citizen)
    assert "待审核" in client.get(url("item", story)).content.decode()


def test_the_author_sees_the_rejection_reason(client, personas):
    p = personas
    story = StoryFactory(author=p.citizen, unit=p.town)
    actions.reject(p.editor, story, reason="图片与内容不符")
    client.force_login(p.citizen)
    body = client.get(url("item", story)).content.decode()
    assert "未录用" in body and "图片与内容不符" in body
    me = client.get(reverse("participation:me")).content.decode()
    assert "图片与内容不符" in me


def test_like_comment_share_through_the_item_page(client, personas):
    p = personas
    story = StoryFactory(author=p.citizen, unit=p.town, accepted=True)
    client.force_login(p.citizen2)
    client.post(url("like", story))
    assert Like.objects.filter(person=p.citizen2, removed_at__isnull=True).count() == 1
    response = client.post(url("like", story), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "点赞" in response.content.decode()
    assert not Like.objects.filter(removed_at__isnull=True).exists()
    client.post(url("comment", story), {"body": "<b>向好人学习致敬</b>"})
    comment = Comment.objects.get()
    body = client.get(url("item", story)).content.decode()
    assert "&lt;b&gt;向好人学习致敬&lt;/b&gt;" in body and "<b>向好人学习致敬</b>" not in body
    client.post(url("comment", story), {"body": "同意同意同意", "parent": comment.pk})
    assert Comment.objects.get(parent=comment).body == "同意同意同意"
    response = client.post(url("share", story))
    token = response["Location"].split("link=")[1].split("#")[0]
    page = client.get(response["Location"]).content.decode()
    assert f"/participation/s/{token}/" in page
    client.logout()
    opened = client.get(reverse("participation:share_open", args=[token]))
    assert opened.status_code == 302 and opened["Location"] == url("item", story)
    assert Share.objects.get().sharer == p.citizen2
    assert DomainEvent.objects.filter(type="share").count() == 1


def test_empty_comment_gives_a_chinese_message(client, personas):
    story = StoryFactory(author=personas.citizen, unit=personas.town, accepted=True)
    client.force_login(personas.citizen2)
    response = client.post(url("comment", story), {"body": ""}, follow=True)
    assert "请填写评论" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_like_on_a_hidden_item_says_why(client, personas):
    story = StoryFactory(author=personas.citizen, unit=personas.town, accepted=True, hidden=True)
    client.force_login(personas.citizen2)
    # The author still reaches their hidden item; another person is told why nothing happened.
    response = client.post(url("like", story), follow=True)
    assert "该内容已被举报隐藏" in response.content.decode()
    assert not Like.objects.exists()


def test_flagging_through_the_page(client, personas, settings):
    settings.WENMING = {**settings.WENMING, "FLAGS_TO_HIDE": 1}
    story = StoryFactory(author=personas.citizen, unit=personas.town, accepted=True)
    client.force_login(personas.citizen2)
    client.post(url("flag", story), {"reason": "虚假"})
    story.refresh_from_db()
    assert story.hidden


def test_actions_refuse_get_and_anonymous(client, personas):
    story = StoryFactory(author=personas.citizen, unit=personas.town, accepted=True)
    assert client.post(url("like", story)).status_code == 302
    client.force_login(personas.citizen2)
    assert client.get(url("like", story)).status_code == 405
    assert client.get(reverse("participation:item", args=["bogus", 1])).status_code == 404


def test_item_page_query_count(client, personas, django_assert_max_num_queries):
    story = StoryFactory(author=personas.citizen, unit=personas.town, accepted=True)
    for i in range(10):
        top = actions.post_comment(personas.citizen2, story, f"第{i}条评论：向好人学习")
        actions.post_comment(personas.citizen, story, f"第{i}条回复：谢谢支持", parent=top)
    client.force_login(personas.citizen2)
    with django_assert_max_num_queries(16):
        response = client.get(url("item", story))
    assert response.content.decode().count('class="reply"') == 10
