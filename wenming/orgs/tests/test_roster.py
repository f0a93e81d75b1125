"""The unit roster from and to Excel: real files written and read back, bad rows by number, nothing
imported from a bad file, a re-import updates, phones masked on the page."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from wenming.core.sheets import Sheet, xlsx_bytes
from wenming.orgs import actions, roster
from wenming.orgs.models import Unit, WorkGroup, WorkGroupMembership
from wenming.people.models import User

pytestmark = pytest.mark.django_db


def _file(rows, header=roster.HEADER) -> bytes:
    return xlsx_bytes([Sheet(title="单位名册", header=header, rows=rows)])


GOOD = [
    ["溧城镇", 820, "周书记", "钱小红", "13912345678", date(2026, 3, 2)],
    ["教育局", "150", "吴局长", "孙立", "13800001111", "2026-03-05"],
]


def _group(personas):
    return WorkGroup.objects.create(name="溧阳市掌上道德讲堂工作群", region=personas.county)


def test_import_sets_headcount_leader_liaison_and_membership(personas):
    group = _group(personas)
    assert actions.import_roster(personas.county, _file(GOOD), group=group) == 2
    town = Unit.objects.get(pk=personas.town.pk)
    assert town.headcount == 820
    assert (town.leader.display_name, town.liaison.display_name, town.liaison.phone) == ("周书记", "钱小红", "13912345678")
    assert town.liaison.has_role("liaison") and town.leader.has_role("leader")
    assert not town.liaison.has_usable_password()
    dept = Unit.objects.get(pk=personas.dept.pk)
    membership = WorkGroupMembership.objects.get(group=group, person=dept.liaison)
    assert membership.joined_on == date(2026, 3, 5)


def test_reimport_updates_rather_than_duplicates(personas):
    group = _group(personas)
    actions.import_roster(personas.county, _file(GOOD), group=group)
    counts = User.objects.count(), WorkGroupMembership.objects.count()
    changed = [["溧城镇", 830, "周书记", "钱小红", "13912345678", date(2026, 3, 9)], GOOD[1]]
    actions.import_roster(personas.county, _file(changed), group=group)
    assert (User.objects.count(), WorkGroupMembership.objects.count()) == counts
    town = Unit.objects.get(pk=personas.town.pk)
    assert town.headcount == 830
    assert WorkGroupMembership.objects.get(person=town.liaison).joined_on == date(2026, 3, 9)


def test_bad_rows_are_reported_by_number_and_nothing_is_imported(personas):
    group = _group(personas)
    before = Unit.objects.get(pk=personas.town.pk).headcount
    bad = [
        GOOD[0],
        ["不存在的单位", 10, "", "", "", None],
        ["教育局", "很多", "", "孙立", "12345", "2026-13-01"],
        ["溧城镇", 5, "", "", "", None],
        ["天目湖镇", 100, "", "", "13900000000", None],
    ]
    with pytest.raises(roster.RosterError) as caught:
        actions.import_roster(personas.county, _file(bad), group=group)
    problems = caught.value.problems
    rows = {n for n, _reason in problems}
    assert rows == {3, 4, 5, 6}
    text = "；".join(f"{n}:{r}" for n, r in problems)
    assert "3:单位“不存在的单位”不在溧阳市的单位中" in text
    assert "4:单位总人数应为不小于0的整数：很多" in text and "4:联络员手机号应为11位手机号码：12345" in text
    assert "4:入群日期应为日期" in text
    assert "5:单位“溧城镇”与第2行重复" in text
    assert "6:填写了联络员手机，但缺少联络员姓名" in text
    # Row 2 was good, yet nothing at all was written.
    assert Unit.objects.get(pk=personas.town.pk).headcount == before
    assert not WorkGroupMembership.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a workbook", "无法读取文件"),
        (_file([["溧城镇"]], header=["名称"]), "表头应为"),
        (_file([]), "文件中没有单位"),
    ],
)
def test_unreadable_files_are_refused_in_chinese(personas, content, message):
    with pytest.raises(roster.RosterError, match=message):
        actions.import_roster(personas.county, content)


def test_export_reads_back_as_the_same_roster(personas):
    group = _group(personas)
    actions.import_roster(personas.county, _file(GOOD), group=group)
    content = roster.export(personas.county, group)
    ws = load_workbook(__import__("io").BytesIO(content)).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == roster.HEADER
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["溧城镇"][1:5] == (820, "周书记", "钱小红", "13912345678")
    assert by_name["溧城镇"][5].date() == date(2026, 3, 2)
    # The exported file imports again without a change.
    counts = User.objects.count(), WorkGroupMembership.objects.count()
    actions.import_roster(personas.county, content, group=group)
    assert (User.objects.count(), WorkGroupMembership.objects.count()) == counts


def test_console_page_uploads_masks_phones_and_refuses_others(client, personas):
    _group(personas)
    client.force_login(personas.liaison)
    assert client.get(reverse("orgs:roster")).status_code == 403
    assert client.get(reverse("orgs:roster_download")).status_code == 403
    client.force_login(personas.admin)
    upload = SimpleUploadedFile("roster.xlsx", _file(GOOD))
    response = client.post(reverse("orgs:roster"), {"file": upload}, follow=True)
    html = response.content.decode()
    assert "已导入 2 个单位" in html
    assert "139****5678" in html and "13912345678" not in html
    bad = SimpleUploadedFile("roster.xlsx", _file([["不存在的单位", 1, "", "", "", None]]))
    html = client.post(reverse("orgs:roster"), {"file": bad}).content.decode()
    assert "未导入任何数据" in html and "第2行：单位“不存在的单位”不在溧阳市的单位中" in html
    download = client.get(reverse("orgs:roster_download"))
    assert download.status_code == 200 and download["Content-Type"].startswith("application/vnd.openxml")
