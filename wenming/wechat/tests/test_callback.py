"""The message callback: signatures, plaintext and safe mode, replies, the inbound log."""

import hashlib
import re
import time

import pytest
from django.urls import reverse

from wenming.wechat import sdk
from wenming.wechat.choices import ReplyKind, ReplySlot
from wenming.wechat.conf import account
from wenming.wechat.models import InboundMessage, KeywordReply, ReplyText

from .conftest import TOKEN
from .factories import KeywordReplyFactory

URL = reverse("wechat:callback")


def signed(token=TOKEN, timestamp=None, nonce="n0nce"):
    timestamp = str(timestamp or int(time.time()))
    signature = hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode(), usedforsecurity=False).hexdigest()
    return {"signature": signature, "timestamp": timestamp, "nonce": nonce}


def text_xml(content, openid="o-follower", msg_id="1001"):
    return (
        f"<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[{openid}]]></FromUserName>"
        f"<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId></xml>"
    )


def event_xml(event="subscribe", openid="o-follower"):
    return (
        f"<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[{openid}]]></FromUserName>"
        f"<CreateTime>1700000001</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        f"<Event><![CDATA[{event}]]></Event></xml>"
    )


def post(client, body, params=None):
    query = "&".join(f"{k}={v}" for k, v in (params or signed()).items())
    return client.post(f"{URL}?{query}", data=body, content_type="text/xml")


def reply_content(response) -> str:
    return re.search(r"<Content><!\[CDATA\[(.*)\]\]></Content>", response.content.decode(), re.S).group(1)


@pytest.mark.django_db
def test_get_with_valid_signature_echoes(client, fake_wechat):
    response = client.get(URL, {**signed(), "echostr": "echo-123"})
    assert response.status_code == 200 and response.content == b"echo-123"


@pytest.mark.django_db
def test_get_with_invalid_signature_is_refused(client, fake_wechat):
    response = client.get(URL, {**signed(token="not-our-token"), "echostr": "echo-123"})
    assert response.status_code == 403 and b"echo-123" not in response.content


@pytest.mark.django_db
def test_post_with_invalid_signature_is_refused_and_changes_nothing(client, fake_wechat):
    response = post(client, text_xml("考核"), signed(token="not-our-token"))
    assert response.status_code == 403
    response = post(client, text_xml("考核"), {"timestamp": "1", "nonce": "x"})  # no signature at all
    assert response.status_code == 403
    assert not InboundMessage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("body", [b"<xml><FromUserName>", b"not xml", b"", b"<xml><ToUserName>a</ToUserName></xml>"])
def test_malformed_body_is_400(client, fake_wechat, body):
    assert post(client, body).status_code == 400
    assert not InboundMessage.objects.exists()


@pytest.mark.django_db
def test_entity_declarations_are_refused(client, fake_wechat):
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + text_xml("&a;")
    assert post(client, bomb.encode()).status_code == 400


@pytest.mark.django_db
def test_subscribe_gets_the_welcome_and_the_group_link(client, fake_wechat):
    response = post(client, event_xml("subscribe"))
    assert response.status_code == 200
    content = reply_content(response)
    assert content.startswith("欢迎走进掌上道德讲堂")
    assert f'href="http://testserver{reverse("people:choose_group")}"' in content
    assert "<ToUserName><![CDATA[o-follower]]></ToUserName>" in response.content.decode()
    logged = InboundMessage.objects.get()
    assert (logged.openid, logged.msg_type, logged.event) == ("o-follower", "event", "subscribe")


@pytest.mark.django_db
def test_staff_welcome_text_is_used(client, fake_wechat):
    ReplyText.objects.create(slot=ReplySlot.WELCOME, text="欢迎关注溧阳文明！")
    assert reply_content(post(client, event_xml())).startswith("欢迎关注溧阳文明！")


@pytest.mark.django_db
def test_keyword_kaohe_links_to_the_follow_survey(client, fake_wechat):
    # The 考核 reply is installed by a data migration.
    rule = KeywordReply.objects.get(keyword="考核")
    assert rule.kind == ReplyKind.LINK
    content = reply_content(post(client, text_xml("考核")))
    assert f'href="http://testserver{reverse("netcivility:current")}"' in content
    logged = InboundMessage.objects.get()
    assert logged.matched_keyword == "考核" and logged.openid == "o-follower"


@pytest.mark.django_db
def test_staff_keyword_and_default_reply(client, fake_wechat):
    KeywordReplyFactory(keyword="志愿", text="志愿服务请看菜单")
    KeywordReplyFactory(keyword="停用", text="不应出现", is_active=False)
    assert reply_content(post(client, text_xml(" 志愿 ", msg_id="1"))) == "志愿服务请看菜单"
    assert reply_content(post(client, text_xml("停用", msg_id="2"))).startswith("感谢您的留言")
    ReplyText.objects.create(slot=ReplySlot.DEFAULT, text="已收到")
    assert reply_content(post(client, text_xml("你好", msg_id="3"))) == "已收到"
    assert InboundMessage.objects.count() == 3
    # The text a person sent is not kept, only the keyword it matched.
    assert list(InboundMessage.objects.order_by("id").values_list("matched_keyword", flat=True)) == ["志愿", "", ""]


@pytest.mark.django_db
def test_a_retried_message_is_answered_but_logged_once(client, fake_wechat):
    for _ in range(3):
        assert post(client, text_xml("考核", msg_id="777")).status_code == 200
    assert InboundMessage.objects.count() == 1


@pytest.mark.django_db
def test_other_events_get_no_reply(client, fake_wechat):
    response = post(client, event_xml("unsubscribe"))
    assert response.content == b"success"
    assert InboundMessage.objects.get().event == "unsubscribe"


def _encrypted(xml, nonce, timestamp):
    acct = account()
    envelope = sdk.encrypt(acct, xml, nonce, timestamp)
    encrypt = re.search(r"<Encrypt><!\[CDATA\[(.*?)\]\]></Encrypt>", envelope).group(1)
    msg_signature = re.search(r"<MsgSignature><!\[CDATA\[(.*?)\]\]></MsgSignature>", envelope).group(1)
    body = f"<xml><ToUserName><![CDATA[gh_account]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    return body, msg_signature


@pytest.mark.django_db
def test_safe_mode_round_trip(client, fake_wechat):
    timestamp, nonce = str(int(time.time())), "safe-nonce"
    body, msg_signature = _encrypted(text_xml("考核"), nonce, timestamp)
    params = {**signed(timestamp=timestamp, nonce=nonce), "encrypt_type": "aes", "msg_signature": msg_signature}
    response = post(client, body.encode(), params)
    assert response.status_code == 200
    envelope = response.content.decode()
    assert "<Encrypt>" in envelope and "考核" not in envelope
    reply_signature = re.search(r"<MsgSignature><!\[CDATA\[(.*?)\]\]></MsgSignature>", envelope).group(1)
    reply_ts = re.search(r"<TimeStamp>(\d+)</TimeStamp>", envelope).group(1)
    plain = sdk.decrypt(account(), envelope.encode(), reply_signature, reply_ts, nonce)
    assert reverse("netcivility:current") in plain
    assert InboundMessage.objects.get().safe_mode is True


@pytest.mark.django_db
def test_safe_mode_with_a_bad_message_signature_is_refused(client, fake_wechat):
    timestamp, nonce = str(int(time.time())), "safe-nonce"
    body, _sig = _encrypted(text_xml("考核"), nonce, timestamp)
    params = {**signed(timestamp=timestamp, nonce=nonce), "encrypt_type": "aes", "msg_signature": "0" * 40}
    assert post(client, body.encode(), params).status_code == 403
    assert not InboundMessage.objects.exists()


@pytest.mark.django_db
def test_safe_mode_with_garbage_is_400(client, fake_wechat):
    timestamp, nonce = str(int(time.time())), "safe-nonce"
    garbage = "bm90IGVuY3J5cHRlZA=="
    msg_signature = hashlib.sha1("".join(sorted([TOKEN, timestamp, nonce, garbage])).encode(), usedforsecurity=False).hexdigest()
    body = f"<xml><Encrypt><![CDATA[{garbage}]]></Encrypt></xml>".encode()
    params = {**signed(timestamp=timestamp, nonce=nonce), "encrypt_type": "aes", "msg_signature": msg_signature}
    assert post(client, body, params).status_code == 400


@pytest.mark.django_db
def test_callback_off_says_so(client, wechat_off):
    response = client.get(URL, {**signed(), "echostr": "x"})
    assert response.status_code == 503
    assert "未开启" in response.content.decode()
