"""The JS-SDK share callback records a share through participation, once per page view and channel."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from wenming.netcivility.tests.factories import FollowSurveyFactory
from wenming.participation.models import Share
from wenming.wechat import services
from wenming.wechat.choices import ShareChannel

from .test_oauth import WECHAT_UA


@pytest.fixture
def survey(personas):
    return FollowSurveyFactory(region=personas.county)


def test_share_is_recorded_once_per_channel(client, personas, survey):
    token = services.share_token(personas.citizen, survey)
    client.force_login(personas.citizen)
    url = reverse("wechat:share")
    first = client.post(url, {"token": token, "channel": ShareChannel.FRIEND})
    assert first.status_code == 201 and first.json()["created"] is True
    retry = client.post(url, {"token": token, "channel": ShareChannel.FRIEND})
    assert retry.status_code == 200 and retry.json()["created"] is False
    client.post(url, {"token": token, "channel": ShareChannel.TIMELINE})
    shares = Share.objects.filter(sharer=personas.citizen)
    assert sorted(shares.values_list("channel", flat=True)) == ["wechat_friend", "wechat_timeline"]
    assert {s.object_id for s in shares} == {survey.pk}


def test_a_token_of_someone_else_or_forged_is_refused(client, personas, survey):
    client.force_login(personas.citizen2)
    url = reverse("wechat:share")
    others = services.share_token(personas.citizen, survey)
    assert client.post(url, {"token": others, "channel": ShareChannel.FRIEND}).status_code == 400
    assert client.post(url, {"token": others + "x", "channel": ShareChannel.FRIEND}).status_code == 400
    mine = services.share_token(personas.citizen2, survey)
    assert client.post(url, {"token": mine, "channel": "weibo"}).status_code == 400
    assert not Share.objects.exists()


def test_anonymous_share_is_refused(client, personas, survey):
    token = services.share_token(personas.citizen, survey)
    assert client.post(reverse("wechat:share"), {"token": token, "channel": ShareChannel.FRIEND}).status_code == 403
    assert not Share.objects.exists()


def _render(request, survey):
    return Template("{% load wechat %}{% wechat_share survey '标题' %}").render(Context({"request": request, "survey": survey}))


def test_share_tag_renders_config_only_inside_wechat(personas, survey, fake_wechat):
    request = RequestFactory().get("/netcivility/survey/1/live/", HTTP_USER_AGENT=WECHAT_UA)
    request.user = personas.citizen
    html = _render(request, survey)
    assert "wechat-share-config" in html and '"appId": "wx_test_app_id"' in html
    assert "/static/wechat/jweixin-1.6.5.js" in html and reverse("wechat:share") in html
    assert "res.wx.qq.com" not in html  # no script from another host
    outside = RequestFactory().get("/netcivility/survey/1/live/")
    outside.user = personas.citizen
    assert _render(outside, survey).strip() == ""
