from django.urls import reverse

from wenming.people.models import GroupChoice


def test_choose_group_requires_login(client, personas):
    response = client.get(reverse("people:choose_group"))
    assert response.status_code == 302
    assert reverse("people:login") in response["Location"]


def test_choose_group_moves_the_person(client, personas):
    p = personas
    client.force_login(p.citizen)
    page = client.get(reverse("people:choose_group"))
    assert page.status_code == 200
    assert "天目湖镇" in page.content.decode()
    response = client.post(reverse("people:choose_group_submit", args=[p.town2.pk]))
    assert response.status_code == 302
    p.citizen.refresh_from_db()
    assert p.citizen.group == p.town2
    assert GroupChoice.objects.filter(person=p.citizen).count() == 2
    home = client.get(reverse("home"))
    assert "天目湖镇" in home.content.decode()


def test_choosing_a_missing_group_is_404(client, personas):
    client.force_login(personas.citizen)
    response = client.post(reverse("people:choose_group_submit", args=[999999]))
    assert response.status_code == 404


def test_choose_group_refuses_get(client, personas):
    client.force_login(personas.citizen)
    assert client.get(reverse("people:choose_group_submit", args=[personas.town.pk])).status_code == 405


def test_me_page_masks_personal_data(client, personas):
    p = personas
    p.citizen.real_name = "张三丰"
    p.citizen.phone = "13812345678"
    p.citizen.save()
    client.force_login(p.citizen)
    body = client.get(reverse("people:me")).content.decode()
    assert "138****5678" in body
    assert "13812345678" not in body
    assert "张*丰" in body


def test_login_form_errors_are_chinese(client, personas):
    response = client.post(reverse("people:login"), {"username": "citizen", "password": "wrong"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_user_content_is_escaped(client, personas):
    p = personas
    p.citizen.display_name = "<script>alert(1)</script>"
    p.citizen.save()
    client.force_login(p.citizen)
    body = client.get(reverse("home")).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body
