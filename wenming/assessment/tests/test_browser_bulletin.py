"""A liaison sees the live standing, an admin publishes, the public phone page shows the published rank."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wenming.assessment.schemes import load_scheme
from wenming.journal.actions import record_event
from wenming.testing.browser import login
from wenming.testing.factories import TEST_PASSWORD, shanghai

pytestmark = pytest.mark.browser


def test_live_standing_then_publish_then_public_rank(phone, desktop, live_server, personas):
    load_scheme("liyang-2017")
    # April 2017: 天目湖镇 gets the accepted stories and ranks first; 溧城镇 is second.
    from wenming.people.actions import choose_group

    choose_group(personas.citizen2, personas.town2, at=shanghai(2017, 3, 2, 9))
    for i in range(3):
        record_event(key=f"b:apr:{i}", type="share_accepted", at=shanghai(2017, 4, 3 + i, 9), person=personas.citizen2, data={"story": i})
    record_event(key="b:apr:town", type="share_accepted", at=shanghai(2017, 4, 9, 9), person=personas.citizen, data={"story": 9})
    # This month so far: only 溧城镇 has an accepted story.
    record_event(key="b:now", type="share_accepted", at=timezone.now() - timedelta(seconds=5), person=personas.citizen, data={"story": 10})

    # 1. The liaison of 溧城镇 sees the live standing on a phone, marked as not yet published.
    login(phone, live_server, "liaison", TEST_PASSWORD)
    phone.goto(f"{live_server.url}/assessment/my/")
    card = phone.locator("section.standing")
    assert "溧城镇" in card.inner_text()
    assert "尚未发布（实时数据）" in card.inner_text()
    assert "第 1 名 / 共 27 个单位" in card.inner_text()

    # 2. The admin opens April 2017 in the console and publishes it.
    login(desktop, live_server, "admin", TEST_PASSWORD)
    desktop.goto(f"{live_server.url}/assessment/console/?scheme=liyang-2017&month=2017-04")
    assert "尚未发布" in desktop.content()
    desktop.click("#publish-form button")
    desktop.wait_for_load_state()
    assert "已发布 2017-04 通报（第1版）" in desktop.content()
    assert desktop.locator("#publish-form").count() == 0

    # 3. Anyone opens 溧城镇's public page on a phone: the published rank.
    phone.context.clear_cookies()
    phone.goto(f"{live_server.url}/assessment/units/{personas.town.pk}/")
    text = phone.locator("#unit-rank").inner_text()
    assert "本单位本月排名" in text
    assert "第 2 名 / 共 27 个单位" in text
    assert "0.5" in text
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
