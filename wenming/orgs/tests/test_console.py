from django.urls import reverse

from wenming.orgs import actions
from wenming.people.actions import choose_group
from wenming.testing.factories import UserFactory


def test_liaison_sees_only_their_unit(client, personas):
    p = personas
    actions.set_number_target(p.town, 2026, 6000)
    client.force_login(p.liaison)
    body = client.get(reverse("console"), {"year": 2026}).content.decode()
    assert "溧城镇" in body
    assert "教育局" not in body
    assert "6000" in body


def test_editor_sees_the_region_with_completion(client, personas):
    p = personas
    actions.set_number_target(p.dept, 2026, 4)
    for _ in range(2):
        choose_group(UserFactory(), p.dept)
    client.force_login(p.editor)
    response = client.get(reverse("console"), {"year": 2026})
    rows = {row.unit.name: row for row in response.context["rows"]}
    assert set(rows) == {"溧城镇", "天目湖镇", "教育局"}
    assert rows["教育局"].followers == 2
    assert "50%" in response.content.decode()


def test_citizen_is_refused(client, personas):
    client.force_login(personas.citizen)
    assert client.get(reverse("console")).status_code == 403


def test_anonymous_is_sent_to_login(client, personas):
    response = client.get(reverse("console"))
    assert response.status_code == 302


def test_console_query_count_does_not_grow_with_units(client, personas, django_assert_max_num_queries):
    from wenming.testing.factories import UnitFactory

    client.force_login(personas.admin)
    for i in range(30):
        UnitFactory(name=f"部门{i}", parent=personas.county)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("console")).status_code == 200
