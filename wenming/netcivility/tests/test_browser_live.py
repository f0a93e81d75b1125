"""The public live counts refresh in the browser without a page reload (HTMX polling)."""

import pytest

from wenming.netcivility import actions
from wenming.testing.browser import wait_until

from .factories import FollowSurveyFactory, WechatUserFactory

pytestmark = pytest.mark.browser


def test_live_counts_update_without_reload(phone, live_server, personas):
    survey = FollowSurveyFactory(region=personas.county, title="实时统计")
    actions.submit(survey, WechatUserFactory(), personas.town2)
    page = phone
    page.goto(f"{live_server.url}/netcivility/survey/{survey.pk}/live/")
    town_count = page.locator(f"tr[data-unit='{personas.town.pk}'] .count")
    assert town_count.inner_text() == "0"
    first_row = page.locator("#survey-counts tbody tr").first
    assert "天目湖镇" in first_row.inner_text()
    # A marker on window survives only if the page is not reloaded.
    page.evaluate("window.__notReloaded = true")

    for _ in range(2):
        actions.submit(survey, WechatUserFactory(), personas.town)

    wait_until(
        page,
        f"document.querySelector(\"tr[data-unit='{personas.town.pk}'] .count\").textContent.trim() === '2'",
    )
    assert page.evaluate("window.__notReloaded") is True
    # Re-ranked: 溧城镇 now leads.
    assert "溧城镇" in page.locator("#survey-counts tbody tr").first.inner_text()
    assert page.evaluate("window.innerWidth") == 375
