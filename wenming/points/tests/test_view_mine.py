"""My points page (mobile)."""

import pytest
from django.urls import reverse

from .helpers import ev

pytestmark = pytest.mark.django_db


def test_my_points_month_all_time_ranks_and_plain_lines(client, liyang, personas):
    for minute in range(2):
        ev("like", (2017, 3, 2, 10, minute), person=personas.citizen, target="s:1")
    ev("share_accepted", (2017, 4, 2, 10, 0), person=personas.citizen, story=1)
    ev("like", (2017, 3, 2, 10, 5), person=personas.citizen2, target="s:1")
    client.force_login(personas.citizen)
    response = client.get(reverse("points:mine"), {"month": "2017-03"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="month-total">0.1<' in html
    assert 'class="all-time">0.6<' in html
    assert "第 1 名 / 1 人" in html  # in 溧城镇 only 张三 has points
    assert "第 1 名 / 2 人" in html  # in the city 李四 has 0.05
    assert html.count("点赞 +0.05") == 2


def test_anonymous_is_sent_to_login(client, liyang):
    response = client.get(reverse("points:mine"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_bad_month_falls_back_to_the_current_month(client, liyang, personas):
    client.force_login(personas.citizen)
    assert client.get(reverse("points:mine"), {"month": "2017-13"}).status_code == 200
