"""The wx.config signature and the per-page JS-SDK configuration."""

import hashlib

import pytest

from wenming.wechat import credentials, sdk, services


def test_signature_matches_wechats_published_example():
    # The worked example in WeChat's JS-SDK documentation (附录1).
    signature = sdk.jsapi_signature(
        "Wm3WZYTPz0wzccnW",
        "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
        1414587457,
        "http://mp.weixin.qq.com?params=value",
    )
    assert signature == "0f9de62fce790f9a083d5c99e95740ceb90c27ed"


def test_signature_is_sha1_of_the_sorted_pairs():
    raw = "jsapi_ticket=T&noncestr=N&timestamp=1&url=https://x.example/a?b=1"
    assert sdk.jsapi_signature("N", "T", 1, "https://x.example/a?b=1") == hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()


def test_config_uses_the_cached_ticket_and_drops_the_fragment(fake_wechat):
    first = services.jssdk_config("https://wm.example/netcivility/survey/1/live/#top")
    second = services.jssdk_config("https://wm.example/netcivility/survey/1/live/")
    ticket = credentials.jsapi_ticket.peek()["value"]
    assert ticket.startswith("TICKET_FOR_ACCESS_TOKEN_")
    for config in (first, second):
        assert config["appId"] == "wx_test_app_id"
        assert config["signature"] == sdk.jsapi_signature(
            config["nonceStr"], ticket, config["timestamp"], "https://wm.example/netcivility/survey/1/live/"
        )
    # Two pages, one token fetch and one ticket fetch: never per request.
    assert fake_wechat.calls["/cgi-bin/token"] == 1
    assert fake_wechat.calls["/cgi-bin/ticket/getticket"] == 1


@pytest.mark.django_db
def test_config_is_none_when_the_account_is_off(wechat_off):
    assert services.jssdk_config("https://wm.example/") is None
