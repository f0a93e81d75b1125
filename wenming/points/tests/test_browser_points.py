"""A citizen on a phone sees their points, then redeems an item and sees the balance drop."""

import pytest

from wenming.points.models import Order
from wenming.testing.browser import login
from wenming.testing.factories import TEST_PASSWORD

from .factories import CatalogueItemFactory
from .helpers import ev

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_my_points_then_redeem(phone, live_server, liyang, personas):
    ev("lead_accepted", (2017, 3, 2, 9, 0), person=personas.citizen, lead=1)
    ev("lead_accepted", (2017, 3, 3, 9, 0), person=personas.citizen, lead=2)
    ev("like", (2017, 3, 3, 10, 0), person=personas.citizen, target="s:1")
    CatalogueItemFactory(name="环保购物袋", cost="2.00", stock=3)
    login(phone, live_server, "citizen", TEST_PASSWORD)
    phone.goto(f"{live_server.url}/points/?month=2017-03")
    assert phone.inner_text(".month-total") == "2.05"
    assert "i牵手被录用 +1" in phone.inner_text(".entries")
    assert "点赞 +0.05" in phone.inner_text(".entries")
    phone.click("text=积分兑换")
    phone.click(".item >> text=兑换")
    phone.wait_for_load_state()
    assert "兑换成功" in phone.inner_text(".messages")
    assert phone.inner_text(".balance strong") == "0.05"
    assert Order.objects.filter(person=personas.citizen).count() == 1
