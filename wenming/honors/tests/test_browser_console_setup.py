"""A civilization-office reviewer creates a campaign through the console form and finds it there."""

import pytest

from wenming.honors.models import Campaign
from wenming.testing.browser import login
from wenming.testing.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reviewer_creates_a_campaign_in_the_console(live_server, desktop, personas):
    login(desktop, live_server, personas.reviewer.username, TEST_PASSWORD)
    desktop.goto(f"{live_server.url}/honors/console/")
    desktop.click("#new-campaign")
    desktop.get_by_role("heading", name="新建评选活动").wait_for()
    desktop.fill("#id_name", "溧阳市2027年度道德模范")
    desktop.select_option("#id_kind", "moral_model")
    desktop.select_option("#id_region", str(personas.county.pk))
    desktop.select_option("#id_start_level", "village")
    desktop.fill("#id_nomination_opens", "2027-01-01T09:00")
    desktop.fill("#id_nomination_closes", "2027-02-01T17:00")
    desktop.fill("#id_voting_opens", "2027-03-01T09:00")
    desktop.fill("#id_voting_closes", "2027-03-15T17:00")
    # First a mistake: the weights do not add up; the form says so in Chinese and keeps the input.
    desktop.fill("#id_expert_weight", "0.6")
    desktop.fill("#id_vote_weight", "0.3")
    desktop.click("#campaign-form button[type=submit]")
    desktop.get_by_text("专家评分权重与网络投票权重之和须为 1（现为 0.9）。").wait_for()
    assert desktop.input_value("#id_name") == "溧阳市2027年度道德模范"
    assert not Campaign.objects.exists()
    desktop.fill("#id_vote_weight", "0.4")
    desktop.click("#campaign-form button[type=submit]")
    desktop.get_by_text("评选活动已创建。").wait_for()
    campaign = Campaign.objects.get()
    assert desktop.url.endswith(f"/honors/console/campaigns/{campaign.pk}/")
    assert campaign.kind == "moral_model" and campaign.levels == ["village", "town", "county"]
    assert "道德模范" in desktop.inner_text("#campaign-summary")
    desktop.goto(f"{live_server.url}/honors/console/")
    desktop.locator("#campaigns").get_by_role("link", name="溧阳市2027年度道德模范").click()
    desktop.get_by_role("link", name="活动设置").click()
    assert desktop.input_value("#id_nomination_opens") == "2027-01-01T09:00"
    assert desktop.input_value("#id_categories").split("\n")[0] == "助人为乐"
