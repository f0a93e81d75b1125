import pytest

from wenming.testing.browser import login
from wenming.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_citizen_chooses_a_group_on_a_phone(phone, live_server, personas):
    page = phone
    login(page, live_server, "citizen2", TEST_PASSWORD)
    page.goto(live_server.url + "/")
    assert "道德讲堂" in page.title()
    assert page.evaluate("window.innerWidth") == 375
    page.screenshot(path=str(live_server_artifacts() / "home-before.png"))
    page.click("#my-group a.button")
    page.click("button.choice:has-text('教育局')")
    page.wait_for_url(live_server.url + "/")
    assert page.locator("#my-group .group-name").inner_text() == "教育局"
    assert "已加入社群：教育局" in page.content()
    # the choice is stored, and a second choice moves the person
    page.click("text=更换社群")
    page.click("button.choice:has-text('天目湖镇')")
    assert page.locator("#my-group .group-name").inner_text() == "天目湖镇"
    page.screenshot(path=str(live_server_artifacts() / "home-phone.png"))


def live_server_artifacts():
    from pathlib import Path

    path = Path("var/screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
