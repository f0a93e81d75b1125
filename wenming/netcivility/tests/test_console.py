"""Staff create, open, close and export surveys; others may not."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wenming.netcivility import actions
from wenming.netcivility.choices import SurveyLevel, SurveyStatus
from wenming.netcivility.models import FollowSurvey

from .factories import FollowSurveyFactory, WechatUserFactory


def test_editor_creates_opens_and_closes(client, personas):
    client.force_login(personas.editor)
    response = client.post(reverse("netcivility:console"),
                           {"title": "2016 推广统计", "region": personas.county.pk, "level": SurveyLevel.TOWN_DEPARTMENT})
    assert response.status_code == 302
    survey = FollowSurvey.objects.get()
    assert survey.status == SurveyStatus.DRAFT and survey.created_by == personas.editor
    client.post(reverse("netcivility:change_status", args=[survey.pk, "open"]))
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    client.post(reverse("netcivility:change_status", args=[survey.pk, "close"]))
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED
    page = client.get(reverse("netcivility:console")).content.decode()
    assert "2016 推广统计" in page and "已结束" in page


def test_level_without_units_is_a_form_error(client, personas):
    client.force_login(personas.admin)
    response = client.post(reverse("netcivility:console"),
                           {"title": "x", "region": personas.town.pk, "level": SurveyLevel.COUNTY})
    assert response.status_code == 200
    assert "没有这一层级的地区" in response.content.decode()
    assert not FollowSurvey.objects.exists()


def test_console_list_query_count(client, personas, django_assert_max_num_queries):
    for _ in range(10):
        FollowSurveyFactory(region=personas.county)
    client.force_login(personas.editor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("netcivility:console"))
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["citizen", "liaison"])
def test_others_are_refused(client, personas, who):
    survey = FollowSurveyFactory(region=personas.county)
    client.force_login(getattr(personas, who))
    assert client.get(reverse("netcivility:console")).status_code == 403
    assert client.post(reverse("netcivility:change_status", args=[survey.pk, "close"])).status_code == 403
    assert client.get(reverse("netcivility:export", args=[survey.pk])).status_code == 403
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN


def test_export_xlsx(client, personas):
    survey = FollowSurveyFactory(region=personas.county, title="导出测试")
    for unit, n in ((personas.town, 2), (personas.dept, 1)):
        for _ in range(n):
            actions.submit(survey, WechatUserFactory(), unit)
    client.force_login(personas.editor)
    response = client.get(reverse("netcivility:export", args=[survey.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(BytesIO(response.content))
    summary, detail = wb["汇总"], wb["明细"]
    assert summary["A1"].value == "导出测试"
    rows = list(summary.iter_rows(min_row=3, values_only=True))
    assert rows == [(1, "溧城镇", 2), (2, "教育局", 1), (3, "天目湖镇", 0), (None, "合计", 3)]
    details = list(detail.iter_rows(min_row=2, values_only=True))
    assert len(details) == 3 and {d[1] for d in details} == {"溧城镇", "教育局"}
    assert all(d[2].startswith("o-wechat-") for d in details)
