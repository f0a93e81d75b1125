"""OAuth web login: state checked against the session, the person found or created by openid."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from wenming.people.models import User
from wenming.wechat import services

WECHAT_UA = "Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.47 NetType/WIFI"


def _start(client, next_path="/accounts/me/", scope=None):
    params = {"next": next_path}
    if scope:
        params["scope"] = scope
    response = client.get(reverse("wechat:oauth_start"), params)
    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert target.netloc == "open.weixin.qq.com"
    query = parse_qs(target.query)
    return query


@pytest.mark.django_db
def test_round_trip_creates_and_logs_in_the_person(client, fake_wechat):
    query = _start(client)
    assert query["appid"] == ["wx_test_app_id"]
    assert query["scope"] == ["snsapi_base"]
    assert query["redirect_uri"][0].endswith(reverse("wechat:oauth_callback"))
    fake_wechat.add_code("CODE1", "o-new-person")

    response = client.get(reverse("wechat:oauth_callback"), {"code": "CODE1", "state": query["state"][0]})

    assert response.status_code == 302 and response["Location"] == "/accounts/me/"
    person = User.objects.get(openid="o-new-person")
    assert person.wechat_verified_at is not None and person.is_verified
    assert not person.has_usable_password()
    assert client.session["_auth_user_id"] == str(person.pk)
    assert client.get(reverse("people:me")).status_code == 200


@pytest.mark.django_db
def test_second_visit_logs_in_the_same_person(client, fake_wechat):
    for code in ("A", "B"):
        query = _start(client)
        fake_wechat.add_code(code, "o-returning")
        client.get(reverse("wechat:oauth_callback"), {"code": code, "state": query["state"][0]})
    assert User.objects.filter(openid="o-returning").count() == 1


@pytest.mark.django_db
def test_userinfo_scope_takes_the_nickname_and_unionid_binds(client, fake_wechat, personas):
    User.objects.filter(pk=personas.citizen.pk).update(unionid="u-zhangsan")
    query = _start(client, scope="userinfo")
    assert query["scope"] == ["snsapi_userinfo"]
    fake_wechat.add_code("C", "o-zhangsan", unionid="u-zhangsan", scope="snsapi_userinfo", nickname="小张")
    client.get(reverse("wechat:oauth_callback"), {"code": "C", "state": query["state"][0]})
    personas.citizen.refresh_from_db()
    # The unionid found the existing person, who now carries the openid too.
    assert personas.citizen.openid == "o-zhangsan"
    assert client.session["_auth_user_id"] == str(personas.citizen.pk)
    assert fake_wechat.calls["/sns/userinfo"] == 1


@pytest.mark.django_db
def test_new_person_from_userinfo_gets_the_nickname(client, fake_wechat):
    query = _start(client, scope="userinfo")
    fake_wechat.add_code("C", "o-nick", scope="snsapi_userinfo", nickname="王小二")
    client.get(reverse("wechat:oauth_callback"), {"code": "C", "state": query["state"][0]})
    assert User.objects.get(openid="o-nick").display_name == "王小二"


@pytest.mark.django_db
def test_state_mismatch_is_refused(client, fake_wechat):
    _start(client)
    fake_wechat.add_code("C", "o-attacker")
    response = client.get(reverse("wechat:oauth_callback"), {"code": "C", "state": "forged"})
    assert response.status_code == 403
    assert "登录校验失败" in response.content.decode()
    assert not User.objects.filter(openid="o-attacker").exists()
    assert "_auth_user_id" not in client.session
    # Refused before the code was spent at WeChat.
    assert fake_wechat.calls["/sns/oauth2/access_token"] == 0


@pytest.mark.django_db
def test_callback_without_a_started_login_is_refused(client, fake_wechat):
    response = client.get(reverse("wechat:oauth_callback"), {"code": "C", "state": "anything"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_state_is_single_use(client, fake_wechat):
    query = _start(client)
    fake_wechat.add_code("C1", "o-once")
    client.get(reverse("wechat:oauth_callback"), {"code": "C1", "state": query["state"][0]})
    client.logout()
    fake_wechat.add_code("C2", "o-twice")
    replay = client.get(reverse("wechat:oauth_callback"), {"code": "C2", "state": query["state"][0]})
    assert replay.status_code == 403
    assert not User.objects.filter(openid="o-twice").exists()


@pytest.mark.django_db
def test_declined_consent_and_bad_code(client, fake_wechat):
    query = _start(client)
    assert client.get(reverse("wechat:oauth_callback"), {"state": query["state"][0]}).status_code == 400
    query = _start(client)
    response = client.get(reverse("wechat:oauth_callback"), {"code": "unknown", "state": query["state"][0]})
    assert response.status_code == 502
    assert "微信服务暂时不可用" in response.content.decode()


@pytest.mark.django_db
def test_next_is_kept_on_this_site(client, fake_wechat):
    query = _start(client, next_path="https://evil.example/")
    fake_wechat.add_code("C", "o-safe")
    response = client.get(reverse("wechat:oauth_callback"), {"code": "C", "state": query["state"][0]})
    assert response["Location"] == reverse("home")


@pytest.mark.django_db
def test_off_pages_say_so(client, wechat_off):
    response = client.get(reverse("wechat:oauth_start"))
    assert response.status_code == 503
    assert "微信功能未开启" in response.content.decode()


@pytest.mark.django_db
def test_login_page_offers_wechat_only_inside_wechat(client, fake_wechat, rf):
    inside = rf.get("/accounts/login/", {"next": "/accounts/me/"}, HTTP_USER_AGENT=WECHAT_UA)
    outside = rf.get("/accounts/login/", HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Chrome/120")
    assert services.login_url_for(inside) == reverse("wechat:oauth_start") + "?next=%2Faccounts%2Fme%2F"
    assert services.login_url_for(outside) is None
    page = client.get(reverse("people:login"), HTTP_USER_AGENT=WECHAT_UA)
    assert reverse("wechat:oauth_start") in page.content.decode()
    assert reverse("wechat:oauth_start") not in client.get(reverse("people:login")).content.decode()


@pytest.mark.django_db
def test_login_page_offers_no_wechat_when_off(client, wechat_off, rf):
    assert services.login_url_for(rf.get("/", HTTP_USER_AGENT=WECHAT_UA)) is None
    page = client.get(reverse("people:login"), HTTP_USER_AGENT=WECHAT_UA)
    assert page.status_code == 200 and reverse("wechat:oauth_start") not in page.content.decode()


@pytest.mark.django_db
def test_survey_link_goes_through_wechat_login_and_back(client, fake_wechat, personas):
    from wenming.netcivility.models import FollowSubmission
    from wenming.netcivility.tests.factories import FollowSurveyFactory

    survey = FollowSurveyFactory(region=personas.county)
    survey_url = reverse("netcivility:survey", args=[survey.pk])
    assert client.get(reverse("netcivility:current"))["Location"] == survey_url
    to_login = client.get(survey_url)["Location"]
    assert to_login.startswith(reverse("wechat:oauth_start"))
    to_wechat = client.get(to_login)
    state = parse_qs(urlparse(to_wechat["Location"]).query)["state"][0]
    fake_wechat.add_code("SURVEY", "o-surveyed")
    back = client.get(reverse("wechat:oauth_callback"), {"code": "SURVEY", "state": state})
    assert back["Location"] == survey_url
    client.post(survey_url, {"unit": personas.dept.pk})
    assert FollowSubmission.objects.get(survey=survey).openid == "o-surveyed"
