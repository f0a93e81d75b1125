"""The registration form out and back in: layout, round trip, bad rows by number, re-import, flat sheets."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from wenming.netcivility import actions
from wenming.netcivility.choices import TeamRole
from wenming.netcivility.models import Member, RosterFiling
from wenming.netcivility.queries import members_for
from wenming.netcivility.queries.registry import by_role, revealer
from wenming.netcivility.roster_sheet import roster_workbook

from .factories import member

C, L, V, LD = TeamRole.COMMENTER, TeamRole.LIAISON, TeamRole.VOLUNTEER, TeamRole.LEADER


def _export(user, county) -> bytes:
    members = list(members_for(user, county).order_by("id"))
    return roster_workbook(county, by_role(members), reveal=revealer(user))


def _upload(content: bytes, name="roster.xlsx"):
    return SimpleUploadedFile(name, content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _snapshot(county):
    return sorted(
        (m.name, m.unit_name, m.mobile, m.wechat_id, m.blog, m.microblog, tuple(sorted(m.role_set())))
        for m in Member.objects.filter(county=county).prefetch_related("roles")
    )


@pytest.fixture
def team(personas):
    county = personas.county
    member(county, "周建华", "13900000001", LD, unit_name="溧阳市文明办", wechat_id="zjh")
    member(county, "吴敏", "13900000002", L, C, unit_name="溧阳市文明办")
    for i in range(6):  # more commenters than the form's five rows: extra rows are added
        member(county, f"评论员{i}", f"1390000001{i}", C, unit_name="溧阳日报社")
    member(county, "孙丽", "13900000004", V, unit_name="教育局", blog="新华网：sunli；新浪网：sunli2", microblog="腾讯：@sl")
    return county


def test_export_has_the_forms_layout(personas, team):
    ws = load_workbook(BytesIO(_export(personas.editor, team))).active
    assert ws["A1"].value == "网络精神文明建设队伍登记表"
    assert ws["A2"].value == "单位名称（盖章）：溧阳市"
    assert [c.value for c in ws[3]][1:] == ["姓  名", "单位", "手机号码", "微信号", "博客(新华网和新浪网）", "微博（腾讯和新浪）"]
    assert ws["A4"].value == "分管领导" and ws["B4"].value == "周建华" and ws["D4"].value == "13900000001"
    assert ws["F4"].value == "/" and ws["G4"].value == "/"  # a leader has no blog or microblog
    assert ws["A5"].value == "联络员" and ws["B5"].value == "吴敏"
    assert ws["A6"].value == "网络评论员"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A6:A12" in merged  # the liaison is a commenter too: 7 commenters, two rows beyond the form's five
    assert ws["B6"].value == "吴敏"
    assert ws["A13"].value == "网络文明志愿者" and ws["F13"].value == "新华网：sunli；新浪网：sunli2"
    assert "A13:A15" in merged  # the form's three volunteer rows, two left blank
    assert ws["A17"].value.startswith("备注")


def test_round_trip_gives_the_same_roster(personas, team):
    before = _snapshot(team)
    content = _export(personas.editor, team)
    Member.objects.all().delete()
    report = actions.import_roster(team, _upload(content), actor=personas.editor, year=2016)
    assert (report.created, report.updated) == (9, 0)
    assert _snapshot(team) == before
    assert RosterFiling.objects.filter(county=team, year=2016).exists()


def test_reimport_updates_and_never_duplicates(personas, team):
    content = _export(personas.editor, team)
    ws_book = load_workbook(BytesIO(content))
    ws_book.active["E4"] = "new-wechat"
    out = BytesIO()
    ws_book.save(out)
    report = actions.import_roster(team, _upload(out.getvalue()), actor=personas.editor)
    assert (report.created, report.updated) == (0, 9)
    assert Member.objects.count() == 9
    assert Member.objects.by_mobile("13900000001").get().wechat_id == "new-wechat"


def _flat(rows, header=("角色", "姓名", "单位", "手机号码", "微信号", "博客", "微博")):
    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    out = BytesIO()
    wb.save(out)
    return _upload(out.getvalue(), "flat.xlsx")


def test_flat_sheet_with_several_roles(personas):
    upload = _flat([("联络员、网络评论员", "吴敏", "文明办", 13900000002, "wm", "", ""),
                    ("网络文明志愿者", "孙丽", "教育局", "13900000004", "", "新浪：sl", "")])
    actions.import_roster(personas.county, upload, actor=personas.editor)
    assert Member.objects.by_mobile("13900000002").get().role_set() == {L, C}  # a number cell read as the mobile
    assert Member.objects.by_mobile("13900000004").get().blog == "新浪：sl"


def test_bad_rows_are_reported_by_number_and_nothing_is_imported(personas):
    upload = _flat([
        ("网络评论员", "好人", "文明办", "13900000009", "", "", ""),      # row 2: fine
        ("网络评论员", "甲", "文明办", "1390000", "", "", ""),            # row 3: mobile
        ("网评员", "乙", "文明办", "13900000008", "", "", ""),            # row 4: no such role
        ("联络员", "丙", "文明办", "13900000007", "", "sina", ""),        # row 5: blog on a liaison
    ])
    with pytest.raises(actions.ImportRefused) as refused:
        actions.import_roster(personas.county, upload, actor=personas.editor)
    errors = refused.value.errors
    assert errors[0].startswith("第 3 行：手机号码“1390000”格式不正确")
    assert errors[1].startswith("第 4 行：角色“网评员”不在登记表中")
    assert errors[2] == "第 5 行：只有网络文明志愿者登记博客和微博账号"
    assert len(errors) == 3
    assert not Member.objects.exists() and not RosterFiling.objects.exists()


def test_a_mobile_of_another_county_refuses_the_file(personas, county2):
    member(county2, "金坛人", "13900000009", C)
    upload = _flat([("网络评论员", "金坛人", "x", "13900000009", "", "", "")])
    with pytest.raises(actions.ImportRefused, match="第 2 行：手机号码 139\\*\\*\\*\\*0009 已登记在金坛区"):
        actions.import_roster(personas.county, upload, actor=personas.editor)


def test_not_a_spreadsheet(personas):
    with pytest.raises(actions.ImportRefused, match="xlsx"):
        actions.import_roster(personas.county, _upload(b"<html>not a workbook</html>"), actor=personas.editor)
    with pytest.raises(actions.ImportRefused, match="表头"):
        actions.import_roster(personas.county, _flat([("a", "b")], header=("甲", "乙")), actor=personas.editor)


def test_formula_like_names_are_text_in_the_export(personas):
    member(personas.county, "=cmd|'/c calc'!A1", "13900000001", LD)
    ws = load_workbook(BytesIO(_export(personas.editor, personas.county))).active
    assert ws["B4"].value == "=cmd|'/c calc'!A1" and ws["B4"].data_type == "s"


def test_export_masks_mobiles_outside_the_own_office(personas, team, city_editor):
    ws = load_workbook(BytesIO(_export(city_editor, team))).active
    assert ws["D4"].value == "139****0001"
