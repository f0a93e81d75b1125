"""The teams' console and phone pages: scope, the import error page, exports, members' pages."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from wenming.netcivility import urls
from wenming.netcivility.choices import TeamRole
from wenming.netcivility.models import ItemCompletion, Member, Post

from .factories import member
from .test_prompts import issue

V, C = TeamRole.VOLUNTEER, TeamRole.COMMENTER


@pytest.fixture
def setup(personas, county2):
    mine = member(personas.county, "溧阳志愿者", "13900000001", V, user=personas.citizen)
    theirs = member(county2, "金坛志愿者", "13900000002", V)
    prompt_a = issue(personas.county, [personas.county], personas.editor)
    prompt_b = issue(county2, [county2], personas.admin)
    return {"mine": mine, "theirs": theirs, "a": prompt_a, "b": prompt_b, "county2": county2}


def test_county_office_sees_its_own_county_only(client, personas, setup):
    client.force_login(personas.editor)
    body = client.get(reverse("netcivility:roster")).content.decode()
    assert "溧阳市" in body and "金坛区" not in body
    county2 = setup["county2"]
    for name, args in (("county", [county2.pk]), ("roster_export", [county2.pk]), ("prompt", [setup["b"].pk]),
                       ("prompt_export", [setup["b"].pk])):
        assert client.get(reverse(f"netcivility:{name}", args=args)).status_code == 404
    for name, args in (("file_roster", [county2.pk]), ("import_roster", [county2.pk]), ("chase", [setup["b"].pk]),
                       ("close_prompt", [setup["b"].pk]), ("remove_member", [county2.pk, setup["theirs"].pk])):
        assert client.post(reverse(f"netcivility:{name}", args=args)).status_code == 404
    assert Member.objects.filter(pk=setup["theirs"].pk).exists()
    body = client.get(reverse("netcivility:compliance")).content.decode()
    assert "溧阳志愿者" in body and "金坛志愿者" not in body
    body = client.get(reverse("netcivility:prompts")).content.decode()
    assert body.count("文明交通工作提示") == 1


def test_city_office_sees_every_county(client, personas, setup, city_editor):
    client.force_login(city_editor)
    body = client.get(reverse("netcivility:roster")).content.decode()
    assert "溧阳市" in body and "金坛区" in body
    page = client.get(reverse("netcivility:county", args=[setup["county2"].pk])).content.decode()
    assert "金坛志愿者" in page and "139****0002" in page and "13900000002" not in page  # not its own office


def test_own_office_sees_whole_mobiles(client, personas, setup):
    client.force_login(personas.editor)
    page = client.get(reverse("netcivility:county", args=[personas.county.pk])).content.decode()
    assert "13900000001" in page


@pytest.mark.parametrize("who", ["citizen", "liaison", "reviewer"])
def test_non_staff_are_refused_the_console(client, personas, setup, who):
    client.force_login(getattr(personas, who))
    for name in ("roster", "prompts", "compliance", "compliance_export"):
        assert client.get(reverse(f"netcivility:{name}")).status_code == 403


def test_every_teams_url_is_covered():
    staff = {"roster", "county", "file_roster", "import_roster", "roster_export", "remove_member", "prompts", "prompt",
             "chase", "close_prompt", "prompt_export", "compliance", "compliance_export"}
    members = {"my_prompts", "my_prompt", "submit_post", "submit_article", "my_record"}
    survey = {"current", "survey", "live", "console", "export", "change_status"}
    assert {p.name for p in urls.urlpatterns if isinstance(p, URLPattern)} == staff | members | survey


def test_add_member_in_the_console_and_errors_in_chinese(client, personas, setup):
    client.force_login(personas.editor)
    url = reverse("netcivility:county", args=[personas.county.pk])
    response = client.post(url, {"name": "新人", "mobile": "12345", "roles": [C]})
    assert response.status_code == 200 and "手机号码“12345”格式不正确" in response.content.decode()
    response = client.post(url, {"name": "新人", "mobile": "13900000009", "roles": [C]})
    assert response.status_code == 302 and Member.objects.by_mobile("13900000009").get().role_set() == {C}


def test_import_errors_page_lists_row_numbers(client, personas, setup):
    wb = Workbook()
    ws = wb.active
    ws.append(["角色", "姓名", "手机号码"])
    ws.append(["网络评论员", "甲", "13900000011"])
    ws.append(["网络评论员", "乙", "139"])
    out = BytesIO()
    wb.save(out)
    client.force_login(personas.editor)
    response = client.post(reverse("netcivility:import_roster", args=[personas.county.pk]),
                           {"file": SimpleUploadedFile("r.xlsx", out.getvalue())})
    assert response.status_code == 400
    assert "第 3 行：手机号码“139”格式不正确" in response.content.decode()
    assert not Member.objects.by_mobile("13900000011").exists()


def test_roster_export_download(client, personas, setup):
    client.force_login(personas.editor)
    response = client.get(reverse("netcivility:roster_export", args=[personas.county.pk]))
    ws = load_workbook(BytesIO(response.content)).active
    assert ws["A1"].value == "网络精神文明建设队伍登记表"
    assert any(row[3] == "13900000001" for row in ws.iter_rows(values_only=True))


def test_issue_a_prompt_in_the_console(client, personas, setup):
    client.force_login(personas.editor)
    deadline = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data = {"title": "新的提示", "urgency": "immediate", "roles": [V], "counties": [personas.county.pk],
            "deadline": deadline, "items": "转发推文 https://mp.weixin.qq.com/s/x\n评论 https://weibo.com/y"}
    response = client.post(reverse("netcivility:prompts"), data)
    assert response.status_code == 302
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    body = client.post(reverse("netcivility:prompts"), {**data, "deadline": past}).content.decode()
    assert "截止时间不能早于现在" in body
    body = client.post(reverse("netcivility:prompts"), {**data, "items": "转发 javascript:alert(1)"}).content.decode()
    assert "链接以 http:// 或 https:// 开头" in body
    from wenming.netcivility.models import Prompt

    before = Prompt.objects.count()
    response = client.post(reverse("netcivility:prompts"), {**data, "counties": [setup["county2"].pk]})
    assert response.status_code == 200 and Prompt.objects.count() == before  # another county is not offered


def test_member_marks_done_and_sees_the_record(client, personas, setup):
    client.force_login(personas.citizen)
    prompt = setup["a"]
    assert "文明交通工作提示" in client.get(reverse("netcivility:my_prompts")).content.decode()
    item = prompt.items.first()
    url = reverse("netcivility:my_prompt", args=[prompt.pk])
    body = client.post(url, {"item": item.pk, f"i{item.pk}-link": "notalink"}).content.decode()
    assert "有效的 http(s) 链接" in body and not ItemCompletion.objects.exists()
    assert client.post(url, {"item": item.pk, f"i{item.pk}-link": "https://weibo.com/r/1"}).status_code == 302
    assert ItemCompletion.objects.get().link == "https://weibo.com/r/1"
    # Another county's prompt is not the member's: not found, nothing marked.
    other = setup["b"]
    other_item = other.items.first()
    response = client.post(reverse("netcivility:my_prompt", args=[other.pk]),
                           {"item": other_item.pk, f"i{other_item.pk}-link": "https://weibo.com/r/2"})
    assert response.status_code == 404 and ItemCompletion.objects.count() == 1
    response = client.post(reverse("netcivility:submit_post"),
                           {"title": "我的博文", "link": "https://blog.sina.com.cn/1", "published_on": timezone.localdate().isoformat()})
    assert response.status_code == 302 and Post.objects.get().member == setup["mine"]
    body = client.get(reverse("netcivility:my_record")).content.decode()
    assert "我的博文" in body


def test_not_a_member(client, personas, setup):
    client.force_login(personas.citizen2)
    assert "不在网络文明队伍名单中" in client.get(reverse("netcivility:my_prompts")).content.decode()
    assert client.get(reverse("netcivility:my_prompt", args=[setup["a"].pk])).status_code == 404


def test_console_list_query_counts(client, personas, setup, django_assert_max_num_queries):
    for i in range(15):
        member(personas.county, f"人{i}", f"1380000{i:04d}", V)
    client.force_login(personas.editor)
    for name, args in (("roster", []), ("county", [personas.county.pk]), ("compliance", []),
                       ("prompt", [setup["a"].pk]), ("prompts", [])):
        with django_assert_max_num_queries(25):
            assert client.get(reverse(f"netcivility:{name}", args=args)).status_code == 200


def test_exports_are_xlsx(client, personas, setup):
    client.force_login(personas.editor)
    for name, args in (("compliance_export", []), ("prompt_export", [setup["a"].pk])):
        response = client.get(reverse(f"netcivility:{name}", args=args))
        assert response.status_code == 200
        load_workbook(BytesIO(response.content))


def test_liaison_submits_the_units_article(client, personas):
    from wenming.netcivility.choices import CivilizedLevel
    from wenming.netcivility.models import CivilizedUnit

    CivilizedUnit.objects.create(unit=personas.dept, level=CivilizedLevel.NATIONAL)  # 教育局, liaison_edu's unit
    client.force_login(personas.liaison_edu)
    url = reverse("netcivility:submit_article")
    today = timezone.localdate().isoformat()
    response = client.post(url, {"unit": personas.dept.pk, "title": "原创稿", "link": "https://x.cn/a", "published_on": today})
    assert response.status_code == 302
    assert Post.objects.get().unit == personas.dept
    body = client.post(url, {"unit": personas.town.pk, "title": "x", "link": "https://x.cn/b", "published_on": today}).content.decode()
    assert "只能为本单位提交" in body and Post.objects.count() == 1
    client.force_login(personas.liaison)  # 溧城镇's liaison: not a national unit's
    assert "不是全国文明单位的联络员" in client.get(url).content.decode()


@pytest.mark.parametrize("value", ["²⁰¹⁶", "abc", "\x00", "9" * 30, "-1", "２０１６"])
def test_hostile_parameters_are_not_errors(client, personas, setup, value):
    # A NUL byte is refused for the whole site by the input guard (a 400 page), before any view runs.
    ok, missing = (400, 400) if "\x00" in value else (200, 404)
    client.force_login(personas.editor)
    for name in ("roster", "compliance", "compliance_export"):
        assert client.get(reverse(f"netcivility:{name}"), {"year": value}).status_code == ok
    client.force_login(personas.citizen)
    response = client.post(reverse("netcivility:my_prompt", args=[setup["a"].pk]), {"item": value})
    assert response.status_code == missing
    assert client.get(reverse("netcivility:my_record"), {"year": value}).status_code == ok


def test_compliance_page_shows_the_county_figures(client, personas, setup):
    from datetime import date

    Post.objects.create(kind="blog", member=setup["mine"], title="博文", link="https://b.cn/1",
                        published_on=date(2016, 1, 3), submitted_at=timezone.now())
    client.force_login(personas.editor)
    response = client.get(reverse("netcivility:compliance"), {"year": "2016"})
    rows = {r["county"].name: r for r in response.context["by_county"]}
    assert str(rows["溧阳市"]["compliance"]) == "0.0833"  # 1 month of 12 at quota
    assert "8.3%" in response.content.decode()
    wb = load_workbook(BytesIO(client.get(reverse("netcivility:compliance_export"), {"year": "2016"}).content))
    assert list(wb["按地区"].iter_rows(min_row=2, values_only=True)) == [("溧阳市", None, "8.3%")]  # no prompt due in 2016: no rate, an empty cell
