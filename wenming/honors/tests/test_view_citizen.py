"""Citizen pages: nominating (with evidence checks), notices with objections, phone confirmation."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from wenming.core.periods import local_date
from wenming.honors import actions
from wenming.honors.choices import Decision
from wenming.honors.models import Nomination, Objection
from wenming.testing import files

from .factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(personas):
    return CampaignFactory(region=personas.county)


def form(personas, **extra):
    return {
        "nominee_name": "周红梅",
        "category": "助人为乐",
        "region": personas.town.pk,
        "story": "照顾孤寡老人。",
        **extra,
    }


def test_nominate_with_evidence(client, personas, campaign):
    client.force_login(personas.citizen)
    photo = SimpleUploadedFile("张三身份证.png", files.image_bytes("PNG"), content_type="image/png")
    response = client.post(reverse("honors:nominate", args=[campaign.pk]), form(personas, evidence=photo))
    assert response.status_code == 302
    nom = Nomination.objects.get()
    evidence = nom.evidence.get()
    # Shown under the name it came with, stored under a random one.
    assert evidence.name == "张三身份证.png"
    assert evidence.file.name.startswith("honors/evidence/") and "张三" not in evidence.file.name
    assert "周红梅" in client.get(reverse("honors:mine")).content.decode()


def test_nominate_refuses_bad_input_in_chinese(client, personas, campaign):
    client.force_login(personas.citizen)
    exe = SimpleUploadedFile("tool.exe", b"MZ", content_type="application/octet-stream")
    html = client.post(
        reverse("honors:nominate", args=[campaign.pk]), form(personas, evidence=exe, nominee_name="")
    ).content.decode()
    assert "“tool.exe”的内容不是 PDF、JPG、PNG 文件" in html and "这个字段是必填项" in html
    assert not Nomination.objects.exists()


@pytest.mark.parametrize(("name", "data"), [("photo.png", files.SVG), ("scan.pdf", files.HTML), ("a.jpg", b"\x89PNG\r\n\x1a\n" + b"0" * 100)])
def test_evidence_is_judged_by_its_content(client, personas, campaign, name, data):
    client.force_login(personas.citizen)
    html = client.post(
        reverse("honors:nominate", args=[campaign.pk]), form(personas, evidence=SimpleUploadedFile(name, data))
    ).content.decode()
    assert f"“{name}”" in html
    assert not Nomination.objects.exists()


def test_objection_on_a_running_notice(client, personas, campaign):
    nom = actions.submit_nomination(
        personas.citizen,
        campaign,
        category="助人为乐",
        nominee_name="周红梅",
        story="事迹",
        region=personas.town,
    )
    actions.review_nomination(personas.reviewer, nom, Decision.ACCEPT)
    notice = actions.post_notice(
        personas.reviewer, campaign, personas.town, [nom], starts_on=local_date(timezone.now())
    )
    url = reverse("honors:notice", args=[notice.pk])
    html = client.get(url).content.decode()
    assert "周红梅" in html and "提出异议" in html
    client.post(url, {"nomination": nom.pk, "text": "<script>alert(1)</script>事迹不实", "contact": ""})
    objection = Objection.objects.get()
    assert objection.lodged_by is None
    client.force_login(personas.reviewer)
    detail = client.get(reverse("honors:console_nomination", args=[nom.pk])).content.decode()
    assert "&lt;script&gt;" in detail and "<script>alert" not in detail
    notice.starts_on = notice.ends_on = local_date(timezone.now()) - timedelta(days=1)
    notice.save()
    assert "不在公示期内" in client.get(url).content.decode()


def test_phone_confirmation_page(client, personas):
    client.force_login(personas.citizen2)
    bad = client.post(reverse("honors:phone"), {"p-phone": "12345"}).content.decode()
    assert "请输入 11 位手机号" in bad
    shown = client.post(reverse("honors:phone"), {"p-phone": "13912345678"}, follow=True).content.decode()
    code = re.search(r"验证码为：(\d{6})", shown).group(1)
    wrong = client.post(
        reverse("honors:phone"), {"c-code": "000000" if code != "000000" else "111111"}
    ).content.decode()
    assert "验证码不正确" in wrong
    client.post(reverse("honors:phone"), {"c-code": code})
    personas.citizen2.refresh_from_db()
    assert personas.citizen2.is_verified


def test_phone_page_without_sender_in_production(client, personas, settings):
    settings.PRODUCTION = True
    client.force_login(personas.citizen2)
    html = client.post(reverse("honors:phone"), {"p-phone": "13912345678"}).content.decode()
    assert "生产环境需要配置短信服务" in html
    assert "验证码为" not in html


def test_liaison_nominates_in_the_units_name(client, personas, campaign):
    client.force_login(personas.citizen)
    assert "以单位名义推荐" not in client.get(reverse("honors:nominate", args=[campaign.pk])).content.decode()
    client.force_login(personas.liaison)
    assert "以单位名义推荐" in client.get(reverse("honors:nominate", args=[campaign.pk])).content.decode()
    client.post(
        reverse("honors:nominate", args=[campaign.pk]), form(personas, nominating_unit=personas.town.pk)
    )
    nom = Nomination.objects.get()
    assert (nom.nominator, nom.nominating_unit) == (personas.liaison, personas.town)
    # Another unit's name is not the liaison's to use: the form refuses it.
    html = client.post(
        reverse("honors:nominate", args=[campaign.pk]), form(personas, nominating_unit=personas.dept.pk)
    ).content.decode()
    assert "选择一个有效的选项" in html
    assert Nomination.objects.count() == 1
