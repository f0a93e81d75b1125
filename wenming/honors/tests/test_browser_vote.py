"""A citizen votes on a phone, sees the count change, and a second vote is refused in Chinese."""

import pytest

from wenming.testing.browser import login
from wenming.testing.factories import TEST_PASSWORD

from .factories import CampaignFactory, NominationFactory, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_votes_on_a_phone(live_server, phone):
    campaign = CampaignFactory(name="溧阳好人榜")
    cand = NominationFactory(campaign=campaign, nominee_name="周红梅")
    NominationFactory(campaign=campaign, nominee_name="吴志强")
    voter = verified_user(username="voter")
    login(phone, live_server, voter.username, TEST_PASSWORD)
    phone.goto(f"{live_server.url}/honors/campaigns/{campaign.pk}/vote/")
    card = phone.locator(f"#cand-{cand.pk}")
    assert card.locator(".votes").inner_text() == "0"
    card.locator("button.vote-button").click()
    card = phone.locator(f"#cand-{cand.pk}")
    card.get_by_text("投票成功，感谢您的参与！").wait_for()
    assert card.locator(".votes").inner_text() == "1"
    card.locator("button.vote-button").click()
    phone.locator(f"#cand-{cand.pk}").get_by_text("您已为该候选人投过票，不能重复投票。").wait_for()
    assert phone.locator(f"#cand-{cand.pk} .votes").inner_text() == "1"
    # The card fits the phone: no sideways scrolling.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
