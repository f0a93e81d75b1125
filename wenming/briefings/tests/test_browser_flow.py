"""A county liaison sends a piece from a phone, an editor adopts it into an issue and publishes it
after a reviewer's sign-off, and the liaison sees it counted on 本单位用稿情况."""

import os

import pytest
from django.utils import timezone

from wenming.briefings.models import Briefing
from wenming.core.periods import to_local
from wenming.testing.browser import login
from wenming.testing.factories import TEST_PASSWORD

from .factories import draft_issue, office

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("WENMING_SCREENSHOTS")  # a directory: keep the screenshots to look at them


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"briefings-{name}.png"), full_page=True)


def test_liaison_piece_adopted_published_and_counted(phone, desktop, live_server, personas):
    o = office(personas)
    today = to_local(timezone.now()).date()
    issue = draft_issue(personas, year=today.year, number=50, on=today)
    login(phone, live_server, o.county_liaison.username, TEST_PASSWORD)
    phone.goto(f"{live_server.url}/briefings/submit/")
    phone.fill("input[name=title]", "溧阳市：“掌上道德讲堂”进万家")
    phone.fill("textarea[name=body]", "<p>今年以来，溧阳市推动道德讲堂进村入户。</p>")
    phone.fill("input[name=author]", "王明")
    _shot(phone, "submit")
    phone.click("button[type=submit]")
    phone.wait_for_load_state()
    assert "投稿成功" in phone.content() and "已投稿" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375

    login(desktop, live_server, o.editor.username, TEST_PASSWORD)
    desktop.goto(f"{live_server.url}/briefings/console/")
    _shot(desktop, "console")
    desktop.click("text=溧阳市：“掌上道德讲堂”进万家")
    _shot(desktop, "manuscript")
    desktop.select_option("select[name=section]", label=f"{issue} · 工作交流")
    desktop.click("form.adopt button")
    desktop.wait_for_load_state()
    assert "已录用到" in desktop.content()

    desktop.context.clear_cookies()
    login(desktop, live_server, o.reviewer.username, TEST_PASSWORD)
    desktop.goto(f"{live_server.url}/briefings/console/issue/{issue.pk}/")
    desktop.click("button:has-text('签发')")
    desktop.wait_for_load_state()
    assert "已签发" in desktop.content()

    desktop.context.clear_cookies()
    login(desktop, live_server, o.editor.username, TEST_PASSWORD)
    desktop.goto(f"{live_server.url}/briefings/console/issue/{issue.pk}/")
    desktop.click("button:has-text('印发')")
    desktop.wait_for_load_state()
    assert "已印发" in desktop.content()
    _shot(desktop, "issue")
    assert Briefing.objects.get(pk=issue.pk).is_published
    desktop.goto(f"{live_server.url}/briefings/console/stats/")
    assert "常州市" in desktop.locator("table.stats").inner_text()
    _shot(desktop, "stats")

    phone.goto(f"{live_server.url}/briefings/my-unit/")
    _shot(phone, "my-unit")
    card = phone.locator(f"section.standing[data-unit='{personas.county.pk}']")
    assert "本单位录用 1 篇" in card.inner_text()
    assert card.locator(".city-total").inner_text() == "1"
    phone.goto(f"{live_server.url}/briefings/mine/")
    _shot(phone, "mine")
    assert "已录用" in phone.content() and str(issue) in phone.content()
