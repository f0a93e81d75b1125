"""Phone-size browser flows: a volunteer registers, signs up, checks in and out by code and sees the hours;
an organiser confirms attendance and the parent organisation approves hours past the daily cap."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.db.models import F
from django.utils import timezone

from wenming.testing.browser import login
from wenming.testing.factories import TEST_PASSWORD, shanghai
from wenming.volunteering import actions, checkin
from wenming.volunteering.models import Attendance

from .factories import make_volunteer, make_world, resident_id

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    """Screenshots for a person to look at: var/screenshots, or $WENMING_SCREENSHOTS."""
    folder = Path(os.environ.get("WENMING_SCREENSHOTS", "var/screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"volunteering-{name}.png"), full_page=True)


def test_a_volunteer_registers_signs_up_checks_in_and_out_and_sees_the_hours(phone, live_server, personas, settings):
    world = make_world(personas, start=timezone.now() + timedelta(minutes=20), hours=3)
    page = phone
    login(page, live_server, personas.citizen.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/volunteering/register/")
    page.fill("input[name=real_name]", "张三")
    page.fill("input[name=id_number]", resident_id(3)[:-1] + ("0" if resident_id(3)[-1] != "0" else "1"))
    page.fill("input[name=phone]", "13912345678")
    page.check("input[name=consent]")
    page.click("button[type=submit]")
    assert "校验位" in page.content()
    page.fill("input[name=id_number]", resident_id(3))
    shot(page, "register")
    page.click("button[type=submit]")
    page.wait_for_url("**/volunteering/me/")
    shot(page, "me")

    page.goto(f"{live_server.url}/volunteering/")
    shot(page, "projects")
    page.click("text=文明交通劝导")
    page.click("button:has-text('报名')")
    assert "报名成功" in page.content()
    shot(page, "project")

    page.click("text=签到 / 签退")
    page.fill("input[name=code]", checkin.current(world.session).code)
    page.click("#checkin-submit")
    page.wait_for_selector("text=签到成功")
    shot(page, "checkin")
    # Ninety minutes pass in the session: the session and the check-in move back in time together.
    actions_shift = timedelta(minutes=110)
    world.session.__class__.objects.filter(pk=world.session.pk).update(start=F("start") - actions_shift,
                                                                       end=F("end") - actions_shift)
    Attendance.objects.update(check_in=F("check_in") - timedelta(minutes=90))
    world.session.refresh_from_db()
    page.fill("input[name=code]", checkin.current(world.session).code)
    page.click("#checkin-submit")
    page.wait_for_selector("text=签退成功")
    assert "1.50" in page.content()

    page.click("text=我的时长")
    assert page.locator("#counted-hours").inner_text() == "1.50"
    shot(page, "my-hours")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_organiser_confirms_and_the_station_approves_pending_hours(phone, live_server, personas):
    world = make_world(personas, start=shanghai(2030, 5, 6, 7, 0), hours=11)
    v = make_volunteer(personas.citizen)
    s = world.session
    actions.sign_up(v, s, now=s.start - timedelta(days=1))
    actions.check_in_by_code(v, s, checkin.code_for(s, checkin.window_of(s.start)), at=s.start)

    page = phone
    login(page, live_server, world.team_admin.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/volunteering/console/sessions/{s.pk}/")
    assert "未签退" in page.content()
    page.check("input[name=record]")
    shot(page, "console-session")
    page.click("#confirm-button")
    page.wait_for_selector("text=已确认 1 条考勤记录")
    assert "11.00" in page.content()

    page.goto(f"{live_server.url}/volunteering/console/sessions/{s.pk}/code/")
    page.wait_for_selector("#qr svg")
    shot(page, "code")
    shown = page.locator("#code").inner_text()
    assert checkin.check_code(s, shown) == checkin.OK

    page.context.clear_cookies()
    login(page, live_server, world.station_admin.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/volunteering/console/approvals/")
    assert "3.00" in page.content()
    shot(page, "approvals")
    page.click("button:has-text('审核通过')")
    page.wait_for_selector("text=已审核通过")

    page.context.clear_cookies()
    login(page, live_server, personas.citizen.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/volunteering/me/hours/")
    assert page.locator("#counted-hours").inner_text() == "11.00"
    assert "上级组织已审核计入" in page.content()


def test_the_console_on_a_desktop(desktop, live_server, personas):
    world = make_world(personas, start=shanghai(2030, 5, 6, 7, 0), hours=3)
    v = make_volunteer(personas.citizen)
    actions.join_team(v, world.team)
    page = desktop
    login(page, live_server, world.team_admin.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/volunteering/console/")
    assert "溧城镇志愿服务队" in page.content()
    shot(page, "console-desktop")
    page.goto(f"{live_server.url}/volunteering/console/teams/{world.team.pk}/")
    assert "王志愿" in page.content()
    shot(page, "team-desktop")
