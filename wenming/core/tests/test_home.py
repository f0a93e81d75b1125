from django.urls import reverse


def test_home_is_mobile_first_and_chinese(client, db):
    body = client.get(reverse("home")).content.decode()
    assert 'name="viewport"' in body
    assert "道德讲堂" in body.split("<title>")[1].split("</title>")[0]
    assert 'lang="zh-hans"' in body


def test_no_cdn_assets(client, db):
    body = client.get(reverse("home")).content.decode()
    for marker in ("cdn.", "unpkg", "jsdelivr", "googleapis"):
        assert marker not in body


def test_english_is_available(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("home")).content.decode()
    assert 'lang="en"' in body
    assert "Moral Lecture Hall" in body


def test_admin_is_chinese(client, personas):
    client.force_login(personas.admin)
    body = client.get(reverse("admin:index")).content.decode()
    assert "数据管理" in body
    assert "单位" in body


def test_browser_language_does_not_override_chinese(client, db):
    body = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="zh-hans"' in body
    assert "我的社群" in body or "登录" in body
