"""The survey page reached from the 考核 reply, and the public live counts."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from wenming.netcivility import actions
from wenming.netcivility.choices import SurveyStatus
from wenming.netcivility.models import FollowSubmission

from .factories import FollowSurveyFactory, WechatUserFactory

WECHAT_ON = {"APP_ID": "wx_app", "APP_SECRET": "secret", "TOKEN": "t", "ENCODING_AES_KEY": "", "API_BASE_URL": ""}
WECHAT_OFF = {"APP_ID": "", "APP_SECRET": "", "TOKEN": "", "ENCODING_AES_KEY": "", "API_BASE_URL": ""}


@pytest.fixture
def survey(personas):
    return FollowSurveyFactory(region=personas.county, title="文明溧阳关注推广统计")


def test_current_redirects_to_the_open_survey(client, survey):
    FollowSurveyFactory(region=survey.region, status=SurveyStatus.DRAFT, opened_at=None)
    response = client.get(reverse("netcivility:current"))
    assert response.status_code == 302 and response["Location"] == reverse("netcivility:survey", args=[survey.pk])


def test_current_without_any_survey(client, db):
    response = client.get(reverse("netcivility:current"))
    assert response.status_code == 200 and "目前没有进行中的统计" in response.content.decode()


def test_visitor_without_wechat_identity_is_sent_through_wechat_login(client, survey, settings):
    settings.WECHAT = WECHAT_ON
    url = reverse("netcivility:survey", args=[survey.pk])
    response = client.get(url)
    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert target.path == reverse("wechat:oauth_start") and parse_qs(target.query)["next"] == [url]


def test_with_wechat_off_the_page_says_so(client, survey, settings, personas):
    settings.WECHAT = WECHAT_OFF
    client.force_login(personas.citizen)
    response = client.get(reverse("netcivility:survey", args=[survey.pk]))
    assert response.status_code == 200 and "尚未开启微信公众号功能" in response.content.decode()
    response = client.post(reverse("netcivility:survey", args=[survey.pk]), {"unit": survey.region.pk})
    assert not FollowSubmission.objects.exists()


def test_submit_then_resubmission_shows_the_earlier_choice(client, survey, personas):
    person = WechatUserFactory()
    client.force_login(person)
    url = reverse("netcivility:survey", args=[survey.pk])
    page = client.get(url).content.decode()
    for unit in (personas.town, personas.town2, personas.dept):
        assert unit.name in page
    assert personas.other_city.name not in page

    response = client.post(url, {"unit": personas.town.pk}, follow=True)
    assert "提交成功" in response.content.decode()
    assert "您已提交：溧城镇" in response.content.decode()

    response = client.post(url, {"unit": personas.dept.pk}, follow=True)
    body = response.content.decode()
    assert "您已提交：溧城镇" in body and "限参与一次" in body
    assert list(FollowSubmission.objects.values_list("unit__name", flat=True)) == ["溧城镇"]


def test_bad_choice_shows_a_chinese_error(client, survey, personas):
    client.force_login(WechatUserFactory())
    url = reverse("netcivility:survey", args=[survey.pk])
    assert "请选择所在地区" in client.post(url, {}).content.decode()
    assert "不在本次统计范围内" in client.post(url, {"unit": personas.other_city.pk}).content.decode()
    assert not FollowSubmission.objects.exists()


def test_closed_survey_offers_no_form(client, survey, personas):
    actions.close_survey(survey, actor=personas.admin)
    client.force_login(WechatUserFactory())
    body = client.get(reverse("netcivility:survey", args=[survey.pk])).content.decode()
    assert "本次统计未在进行中" in body and 'name="unit"' not in body


def _submit(survey, unit, n):
    for _ in range(n):
        actions.submit(survey, WechatUserFactory(), unit)


def test_live_counts_are_ranked_and_public(client, survey, personas, django_assert_max_num_queries):
    _submit(survey, personas.dept, 3)
    _submit(survey, personas.town, 1)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("netcivility:live", args=[survey.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("教育局") < body.index("溧城镇") < body.index("天目湖镇")
    assert 'hx-trigger="every 3s"' in body
    rows = [(r["rank"], r["unit"].name, r["count"]) for r in response.context["rows"]]
    assert rows == [(1, "教育局", 3), (2, "溧城镇", 1), (3, "天目湖镇", 0)]


def test_live_partial_for_htmx(client, survey, personas):
    _submit(survey, personas.town2, 2)
    response = client.get(reverse("netcivility:live", args=[survey.pk]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.startswith('<div id="survey-counts"') and "<html" not in body
    assert "天目湖镇" in body


def test_live_query_count_does_not_grow_with_regions(client, personas, django_assert_max_num_queries):
    from wenming.testing.factories import UnitFactory

    survey = FollowSurveyFactory(region=personas.county)
    for i in range(20):
        UnitFactory(name=f"新镇{i}", kind="town", parent=personas.county)
    with django_assert_max_num_queries(4):
        client.get(reverse("netcivility:live", args=[survey.pk]), HTTP_HX_REQUEST="true")
