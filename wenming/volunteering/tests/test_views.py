"""Pages: every page renders, bad input gets a Chinese message, permission scope holds, files open."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from wenming.journal.models import AuditEntry
from wenming.testing.factories import TEST_PASSWORD
from wenming.volunteering import actions, checkin
from wenming.volunteering.models import Attendance, ServiceField, Signup, Volunteer

from .factories import make_volunteer, make_world, resident_id

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=TEST_PASSWORD)
    return client


def test_public_project_pages(client, world):
    assert client.get(reverse("volunteering:projects")).status_code == 200
    r = client.get(reverse("volunteering:projects"), {"field": "abc", "day": "not-a-date", "lat": "999"})
    assert r.status_code == 200
    r = client.get(reverse("volunteering:project", args=[world.project.pk]))
    assert r.status_code == 200 and "文明交通劝导" in r.content.decode()


def test_register_sign_up_and_check_in_by_code(client, personas, world):
    login(client, personas.citizen)
    r = client.post(reverse("volunteering:register"), {
        "real_name": "张三", "id_type": "resident", "id_number": resident_id(1)[:-1] + "0", "phone": "13912345678",
        "consent": "on",
    })
    assert r.status_code == 200 and "校验位" in r.content.decode() and not Volunteer.objects.exists()
    number = resident_id(1)
    r = client.post(reverse("volunteering:register"), {
        "real_name": "张三", "id_type": "resident", "id_number": number, "phone": "13912345678", "consent": "on",
    })
    assert r.status_code == 302
    page = client.get(reverse("volunteering:me")).content.decode()
    assert number not in page and number[:6] + "********" + number[-4:] in page
    for kind in ("基本信息", "服务记录", "培训记录", "表彰奖励记录", "评价记录"):
        assert kind in page
    client.post(reverse("volunteering:sign_up", args=[world.session.pk]))
    assert Signup.objects.get().status == "approved"
    r = client.post(reverse("volunteering:check_in", args=[world.session.pk]), {"code": "12"}, follow=True)
    assert "6 位" in r.content.decode() or "签到码" in r.content.decode()
    assert not Attendance.objects.exists()


def test_check_in_page_accepts_the_current_code(client, personas):
    now = timezone.now()
    w = make_world(personas, start=now + timedelta(minutes=30))
    v = make_volunteer(personas.citizen)
    actions.sign_up(v, w.session)
    login(client, personas.citizen)
    code = checkin.current(w.session).code
    r = client.post(reverse("volunteering:check_in", args=[w.session.pk]), {"code": code}, follow=True)
    assert "签到成功" in r.content.decode()
    assert Attendance.objects.filter(volunteer=v).count() == 1
    r = client.get(reverse("volunteering:check_in", args=[w.session.pk]) + "?t=" + checkin.current(w.session).token)
    assert r.status_code == 200 and "jsQR.js" in r.content.decode()


def test_my_pages_need_registration(client, personas):
    login(client, personas.citizen2)
    for name in ("me", "my_hours", "my_signups", "my_teams"):
        r = client.get(reverse(f"volunteering:{name}"))
        assert r.status_code == 302 and r.url == reverse("volunteering:register")


def test_my_hours_explains_each_record(client, personas, world):
    v = make_volunteer(personas.citizen)
    s = world.session
    actions.backfill(v, s, actor=world.team_admin, check_in=s.start, check_out=s.end, reason="忘记签到",
                     now=s.end + timedelta(days=1))
    login(client, personas.citizen)
    page = client.get(reverse("volunteering:my_hours")).content.decode()
    assert "补录记录：上级组织审核通过后计入" in page and "待审核 3.00" in page


def test_console_is_for_organisation_admins_only(client, personas, world):
    login(client, personas.citizen)
    assert client.get(reverse("volunteering:console")).status_code == 403
    assert client.get(reverse("volunteering:console_session", args=[world.session.pk])).status_code == 403


def test_a_team_admin_sees_their_own_team_only(client, personas, world):
    login(client, world.other_admin)
    page = client.get(reverse("volunteering:console")).content.decode()
    assert "天目湖志愿服务队" in page and "溧城镇志愿服务队" not in page and "文明交通劝导" not in page
    assert client.get(reverse("volunteering:team", args=[world.team.pk])).status_code == 403
    assert client.get(reverse("volunteering:session_code_json", args=[world.session.pk])).status_code == 403
    client.logout()
    login(client, world.team_admin)
    for url in (reverse("volunteering:console"), reverse("volunteering:team", args=[world.team.pk]),
                reverse("volunteering:console_project", args=[world.project.pk]),
                reverse("volunteering:console_session", args=[world.session.pk]),
                reverse("volunteering:session_code", args=[world.session.pk]),
                reverse("volunteering:approvals"), reverse("volunteering:disputes"), reverse("volunteering:export")):
        assert client.get(url).status_code == 200, url
    data = client.get(reverse("volunteering:session_code_json", args=[world.session.pk])).json()
    assert checkin.check_code(world.session, data["code"]) == checkin.OK and "?t=" in data["url"]


def test_organiser_confirms_in_bulk_and_the_station_approves(client, personas, world):
    v = make_volunteer(personas.citizen)
    s = world.session
    actions.sign_up(v, s, now=s.start - timedelta(days=1))
    actions.check_in_by_code(v, s, checkin.code_for(s, checkin.window_of(s.start)), at=s.start)
    login(client, world.team_admin)
    client.post(reverse("volunteering:confirm", args=[s.pk]), {"record": [Attendance.objects.get().pk]})
    assert Attendance.objects.get().hours == 3
    assert "3.00" in client.get(reverse("volunteering:console_session", args=[s.pk])).content.decode()


def test_export_opens_with_masked_numbers(client, personas, world):
    number = resident_id(5)
    v = make_volunteer(personas.citizen, id_number=number)
    s = world.session
    actions.backfill(v, s, actor=world.team_admin, check_in=s.start, check_out=s.end, reason="x",
                     now=s.end + timedelta(days=1))
    login(client, world.team_admin)
    day = s.start.date()
    r = client.get(reverse("volunteering:export"), {"start": day.isoformat(), "end": day.isoformat()})
    ws = load_workbook(BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "志愿者编号" and rows[1][1] == "王志愿" and rows[1][3] == number[:6] + "********" + number[-4:]
    assert number not in str(rows)
    r = client.get(reverse("volunteering:export"), {"start": "2030-02-01", "end": "2030-01-01"})
    assert "结束日期不能早于开始日期" in r.content.decode()


def test_reveal_page_is_audited(client, personas, world):
    number = resident_id(6)
    v = make_volunteer(personas.citizen, id_number=number)
    actions.join_team(v, world.team)
    login(client, world.team_admin)
    page = client.get(reverse("volunteering:volunteer", args=[v.pk])).content.decode()
    assert number not in page
    page = client.post(reverse("volunteering:volunteer", args=[v.pk]), {"reason": "购买保险"}).content.decode()
    assert number in page and AuditEntry.objects.filter(verb="volunteering.reveal_id", reason="购买保险").exists()


def _xlsx(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "fields.xlsx"
    return buf


def test_taxonomy_import_and_export(client, personas):
    login(client, personas.admin)
    before = ServiceField.objects.count()
    r = client.post(reverse("volunteering:fields"), {"file": _xlsx([["服务领域", "子领域"], ["城市管理", "背街小巷"], [None, "孤儿"],
                                                                   ["城市管理", "背街小巷"]])})
    page = r.content.decode()
    assert "第 3 行" in page and "第 4 行" in page and ServiceField.objects.count() == before
    r = client.post(reverse("volunteering:fields"), {"file": _xlsx([["城市管理", "背街小巷"], ["城市管理", "共享单车"]])})
    assert r.status_code == 302 and ServiceField.objects.count() == before + 3
    bad = BytesIO(b"not a workbook")
    bad.name = "x.xlsx"
    assert "无法读取" in client.post(reverse("volunteering:fields"), {"file": bad}).content.decode()
    ws = load_workbook(BytesIO(client.get(reverse("volunteering:fields"), {"download": 1}).content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("服务领域", "子领域") and ("城市管理", "共享单车") in rows and ("理论政策", "理论宣讲") in rows
    client.logout()
    login(client, personas.citizen)
    assert client.get(reverse("volunteering:fields")).status_code == 403


def test_membership_with_approval(client, personas, world):
    world.team.join_needs_approval = True
    world.team.save()
    v = make_volunteer(personas.citizen)
    login(client, personas.citizen)
    client.post(reverse("volunteering:my_teams"), {"team": world.team.pk})
    m = v.memberships.get()
    assert m.status == "pending"
    client.logout()
    login(client, world.team_admin)
    client.post(reverse("volunteering:membership", args=[m.pk, "approve"]))
    m.refresh_from_db()
    assert m.status == "active"


def test_disputes_answered_and_kept(client, personas, world):
    v = make_volunteer(personas.citizen)
    s = world.session
    actions.sign_up(v, s, now=s.start - timedelta(days=1))
    actions.check_in_by_code(v, s, checkin.code_for(s, checkin.window_of(s.start)), at=s.start)
    record, _ = actions.check_in_by_code(v, s, checkin.code_for(s, checkin.window_of(s.start + timedelta(hours=1))),
                                         at=s.start + timedelta(hours=1))
    login(client, personas.citizen)
    client.post(reverse("volunteering:dispute", args=[record.pk]), {"text": "我待到了 11 点"})
    client.logout()
    login(client, world.team_admin)
    d = record.disputes.get()
    client.post(reverse("volunteering:disputes"), {
        "dispute": d.pk, "answer": "核实属实，已更正", "upheld": "on",
        "check_in": "2030-05-06T09:00", "check_out": "2030-05-06T11:00",
    })
    d.refresh_from_db()
    record.refresh_from_db()
    assert d.status == "upheld" and record.hours == 2
    client.logout()
    login(client, personas.citizen)
    assert "核实属实，已更正" in client.get(reverse("volunteering:my_hours")).content.decode()


def test_a_year_under_twenty_hours_is_flagged_to_the_team(client, personas, world):
    idle = make_volunteer(personas.citizen)
    busy = make_volunteer(personas.citizen2)
    for v in (idle, busy):
        actions.join_team(v, world.team)
    from wenming.volunteering import queries

    s = world.session
    actions.backfill(busy, s, actor=world.team_admin, check_in=s.start, check_out=s.end, reason="x",
                     now=s.end + timedelta(days=1))
    flagged = {r.volunteer_id: r.hours for r in queries.low_hours(s.start.year, org_ids={world.team.pk})}
    assert flagged == {idle.pk: 0, busy.pk: 0}
    assert queries.low_hours(s.start.year, org_ids={world.other_team.pk}) == []


def test_a_full_id_export_is_for_admins_with_a_reason_and_audited(client, personas, world):
    number = resident_id(8)
    v = make_volunteer(personas.citizen, id_number=number)
    s = world.session
    actions.backfill(v, s, actor=world.team_admin, check_in=s.start, check_out=s.end, reason="x",
                     now=s.end + timedelta(days=1))
    day = s.start.date().isoformat()
    login(client, world.team_admin)
    r = client.get(reverse("volunteering:export"), {"start": day, "end": day, "full_ids": "on", "reason": "上传"})
    assert "只有平台管理员" in r.content.decode()
    client.logout()
    login(client, personas.admin)
    r = client.get(reverse("volunteering:export"), {"start": day, "end": day, "full_ids": "on"})
    assert "须填写原因" in r.content.decode()
    r = client.get(reverse("volunteering:export"), {"start": day, "end": day, "full_ids": "on", "reason": "上传国家系统"})
    rows = list(load_workbook(BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[1][3] == number
    assert AuditEntry.objects.filter(verb="volunteering.export_ids", reason="上传国家系统", actor=personas.admin).exists()


def test_inside_wechat_the_check_in_page_configures_the_js_sdk_scanner(client, personas, world, settings, monkeypatch):
    from wenming.wechat import services

    settings.WECHAT = {**settings.WECHAT, "APP_ID": "wx-test", "APP_SECRET": "s"}
    monkeypatch.setattr(services, "jssdk_config", lambda url: {"appId": "wx-test", "timestamp": 1, "nonceStr": "n",
                                                               "signature": "sig"})
    make_volunteer(personas.citizen)
    login(client, personas.citizen)
    url = reverse("volunteering:check_in", args=[world.session.pk])
    page = client.get(url, HTTP_USER_AGENT="Mozilla/5.0 MicroMessenger/8.0").content.decode()
    assert 'id="wechat-scan-config"' in page and "jweixin" in page
    assert 'id="wechat-scan-config"' not in client.get(url).content.decode()


def test_my_sign_ups_and_teams_pages(client, personas, world):
    v = make_volunteer(personas.citizen)
    signup = actions.sign_up(v, world.session, now=world.session.start - timedelta(days=2))
    login(client, personas.citizen)
    page = client.get(reverse("volunteering:my_signups")).content.decode()
    assert "文明交通劝导" in page and "已录用" in page
    client.post(reverse("volunteering:cancel", args=[signup.pk]))
    signup.refresh_from_db()
    assert signup.status == "cancelled"
    page = client.get(reverse("volunteering:my_teams")).content.decode()
    assert "溧城镇志愿服务队" in page and "加入" in page


def test_project_filters_and_near_me(client, personas, world):
    actions.add_session(world.project, actor=world.team_admin, start=world.session.start, end=world.session.end,
                        latitude="31.416000", longitude="119.484000", radius_m=200)
    day = timezone.localtime(world.session.start).date().isoformat()
    field = ServiceField.objects.get(name="公共服务")
    world.project.field = ServiceField.objects.get(name="文明劝导")
    world.project.district = personas.town
    world.project.save()
    url = reverse("volunteering:projects")
    assert "文明交通劝导" in client.get(url, {"field": field.pk, "district": personas.county.pk, "day": day}).content.decode()
    assert "文明交通劝导" not in client.get(url, {"day": "2030-05-07"}).content.decode()
    assert "约" in client.get(url, {"lat": "31.417", "lng": "119.484"}).content.decode()
