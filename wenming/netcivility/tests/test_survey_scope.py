"""An editor of one city never manages another city's surveys (issue 12: the console ignored scope).

Every console URL is walked as the editor of 溧阳市 against a survey of 无锡市: each answers 403 or
404, never that survey's data, and nothing changes.
"""

from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import URLPattern, reverse
from openpyxl import load_workbook

from wenming.netcivility import actions, urls
from wenming.netcivility.choices import SurveyLevel, SurveyStatus
from wenming.netcivility.models import FollowSurvey
from wenming.testing.factories import UnitFactory

from .factories import FollowSurveyFactory, WechatUserFactory

# Every console URL name, with how to call it against a survey: (method, args builder, data).
CONSOLE_CALLS = {
    "console": [("get", lambda s: [], None), ("post", lambda s: [], "create")],
    "export": [("get", lambda s: [s.pk], None)],
    "change_status": [("post", lambda s: [s.pk, "open"], None), ("post", lambda s: [s.pk, "close"], None)],
}


def test_every_console_url_is_walked():
    """A console URL added later must be added to the walk below."""
    names = {p.name for p in urls.urlpatterns if isinstance(p, URLPattern) and str(p.pattern).startswith("console/")}
    assert names == set(CONSOLE_CALLS)


@pytest.fixture
def other_city_survey(personas):
    county_b = UnitFactory(name="江阴市", kind="county", parent=personas.other_city)
    UnitFactory(name="澄江街道", kind="town", parent=county_b)
    survey = FollowSurveyFactory(region=county_b, title="无锡机密统计", status=SurveyStatus.OPEN)
    actions.submit(survey, WechatUserFactory(), survey.choices().get())
    return survey


@pytest.mark.parametrize("name", sorted(CONSOLE_CALLS))
def test_editor_of_city_a_against_city_b(client, personas, other_city_survey, name):
    survey = other_city_survey
    client.force_login(personas.editor)
    for method, args, data in CONSOLE_CALLS[name]:
        payload = {}
        if data == "create":
            payload = {"title": "越权统计", "region": survey.region.pk, "level": SurveyLevel.TOWN_DEPARTMENT}
        response = getattr(client, method)(reverse(f"netcivility:{name}", args=args(survey)), payload)
        body = response.content.decode(errors="replace")
        if name == "console":
            # The editor may use the console, but sees and creates nothing of city B.
            assert response.status_code == 200
            assert "无锡机密统计" not in body and "江阴市" not in body
        else:
            assert response.status_code in (403, 404), (method, name, response.status_code)
            assert "无锡机密统计" not in body
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    assert not FollowSurvey.objects.filter(title="越权统计").exists()


def test_refused_creation_says_why(client, personas, other_city_survey):
    client.force_login(personas.editor)
    response = client.post(reverse("netcivility:console"),
                           {"title": "越权统计", "region": other_city_survey.region.pk, "level": SurveyLevel.COUNTY})
    assert "只能为您负责的地区创建统计" in response.content.decode()


def test_the_editor_still_manages_their_own(client, personas, other_city_survey):
    own = FollowSurveyFactory(region=personas.county, title="溧阳统计")
    client.force_login(personas.editor)
    assert "溧阳统计" in client.get(reverse("netcivility:console")).content.decode()
    assert client.get(reverse("netcivility:export", args=[own.pk])).status_code == 200
    assert client.post(reverse("netcivility:change_status", args=[own.pk, "close"])).status_code == 302
    own.refresh_from_db()
    assert own.status == SurveyStatus.CLOSED


def test_city_b_editor_sees_only_city_b(client, personas, other_city_survey):
    FollowSurveyFactory(region=personas.county, title="溧阳统计")
    client.force_login(personas.outsider_editor)
    body = client.get(reverse("netcivility:console")).content.decode()
    assert "无锡机密统计" in body and "溧阳统计" not in body


def test_actions_ask_with_the_survey(personas, other_city_survey):
    with pytest.raises(PermissionDenied):
        actions.create_survey(title="x", region=other_city_survey.region, level=SurveyLevel.COUNTY,
                              actor=personas.editor)
    with pytest.raises(PermissionDenied):
        actions.close_survey(other_city_survey, actor=personas.editor)
    draft = FollowSurveyFactory(region=other_city_survey.region, status=SurveyStatus.DRAFT, opened_at=None)
    with pytest.raises(PermissionDenied):
        actions.open_survey(draft, actor=personas.editor)
    actions.close_survey(other_city_survey, actor=personas.outsider_editor)
    actions.open_survey(draft, actor=personas.admin)


def test_export_writes_formula_like_text_as_text(client, personas):
    region = UnitFactory(name="=1+1", kind="county", parent=personas.city)
    town = UnitFactory(name="@SUM(A1)", kind="town", parent=region)
    survey = FollowSurveyFactory(region=region, title='=HYPERLINK("http://evil.example","点我")')
    actions.submit(survey, WechatUserFactory(), town)
    client.force_login(personas.admin)
    response = client.get(reverse("netcivility:export", args=[survey.pk]))
    wb = load_workbook(BytesIO(response.content))
    title = wb["汇总"]["A1"]
    assert title.data_type == "s" and title.value == '=HYPERLINK("http://evil.example","点我")'
    region_cell = wb["汇总"]["B3"]
    assert region_cell.value == "@SUM(A1)" and region_cell.data_type == "s"
    assert wb["明细"]["B2"].data_type == "s" and wb["明细"]["B2"].value == "@SUM(A1)"
