"""Staff configure keyword replies and the fixed texts; others may not."""

import pytest
from django.urls import reverse

from wenming.journal.models import AuditEntry
from wenming.wechat.choices import ReplyKind, ReplySlot
from wenming.wechat.models import InboundMessage, KeywordReply, ReplyText

from .factories import KeywordReplyFactory


def test_editor_adds_changes_and_deletes_a_keyword(client, personas):
    client.force_login(personas.editor)
    response = client.post(reverse("wechat:keyword_new"), {
        "keyword": "志愿者", "kind": ReplyKind.LINK, "text": "报名做志愿者", "link": "/volunteering/", "is_active": "on",
    })
    assert response.status_code == 302
    reply = KeywordReply.objects.get(keyword="志愿者")
    assert reply.updated_by == personas.editor and reply.link == "/volunteering/"
    client.post(reverse("wechat:keyword_edit", args=[reply.pk]), {
        "keyword": "志愿者", "kind": ReplyKind.TEXT, "text": "请关注菜单", "link": "", "is_active": "on",
    })
    reply.refresh_from_db()
    assert (reply.kind, reply.text) == (ReplyKind.TEXT, "请关注菜单")
    client.post(reverse("wechat:keyword_delete", args=[reply.pk]))
    assert not KeywordReply.objects.filter(keyword="志愿者").exists()
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {"wechat.keyword_created", "wechat.keyword_changed", "wechat.keyword_deleted"} <= verbs


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"keyword": "考核", "kind": ReplyKind.TEXT, "text": "重复"}, "已存在"),
        ({"keyword": "a", "kind": ReplyKind.LINK, "text": "t", "link": ""}, "链接类回复须填写链接"),
        ({"keyword": "b", "kind": ReplyKind.LINK, "text": "t", "link": "javascript:alert(1)"}, "链接须为"),
        ({"keyword": "c", "kind": ReplyKind.TEXT, "text": "t", "link": "/x/"}, "文字类回复不带链接"),
        ({"keyword": "d", "kind": ReplyKind.TEXT, "text": ""}, "这个字段是必填项"),
    ],
)
def test_bad_input_shows_chinese_errors_and_saves_nothing(client, personas, data, error):
    client.force_login(personas.editor)
    before = KeywordReply.objects.count()
    response = client.post(reverse("wechat:keyword_new"), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert KeywordReply.objects.count() == before


def test_fixed_texts_are_editable(client, personas):
    client.force_login(personas.admin)
    client.post(reverse("wechat:reply_text"), {"slot": ReplySlot.DEFAULT, "text": "您好，已收到"})
    assert ReplyText.objects.get(slot=ReplySlot.DEFAULT).text == "您好，已收到"
    response = client.post(reverse("wechat:reply_text"), {"slot": ReplySlot.WELCOME, "text": ""}, follow=True)
    assert "回复文字无效" in response.content.decode()
    assert not ReplyText.objects.filter(slot=ReplySlot.WELCOME).exists()


def test_console_lists_with_hits_in_constant_queries(client, personas, django_assert_max_num_queries):
    for _ in range(15):
        KeywordReplyFactory()
    for i in range(3):
        InboundMessage.objects.create(dedup_key=f"k{i}", openid="o", msg_type="text", matched_keyword="考核",
                                      received_at="2026-01-01T00:00:00+08:00")
    client.force_login(personas.editor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("wechat:console"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "未设置 WECHAT_TOKEN" in body  # the test settings have no account configured
    kaohe = next(row for row in response.context["rows"] if row.keyword == "考核")
    assert kaohe.hits == 3


def test_console_says_when_configured(client, personas, fake_wechat):
    client.force_login(personas.editor)
    body = client.get(reverse("wechat:console")).content.decode()
    assert "未设置 WECHAT_TOKEN" not in body and "未设置 AppID" not in body


@pytest.mark.parametrize("who", ["citizen", "liaison", "expert"])
def test_others_are_refused(client, personas, who):
    reply = KeywordReplyFactory(keyword="保留")
    client.force_login(getattr(personas, who))
    assert client.get(reverse("wechat:console")).status_code == 403
    assert client.post(reverse("wechat:keyword_new"), {"keyword": "x", "kind": "text", "text": "y"}).status_code == 403
    assert client.post(reverse("wechat:keyword_delete", args=[reply.pk])).status_code == 403
    assert client.post(reverse("wechat:reply_text"), {"slot": "default", "text": "x"}).status_code == 403
    assert KeywordReply.objects.filter(keyword="保留").exists() and not KeywordReply.objects.filter(keyword="x").exists()


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("wechat:console"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("people:login"))
