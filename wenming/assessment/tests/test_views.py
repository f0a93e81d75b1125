"""Pages: the staff console, publishing, published bulletins, the public unit rank, a liaison's live standing."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from wenming.assessment.actions import publish_bulletin
from wenming.assessment.models import Bulletin
from wenming.core.periods import Month
from wenming.journal.actions import record_event
from wenming.testing.factories import TEST_PASSWORD, shanghai

pytestmark = pytest.mark.django_db
APRIL = Month(2017, 4)


def login(client, user):
    assert client.login(username=user.username, password=TEST_PASSWORD)


@pytest.fixture
def april(liyang, personas):
    record_event(key="s1", type="share_accepted", at=shanghai(2017, 4, 3, 9), person=personas.citizen, data={"story": 1})
    return liyang


def test_console_shows_live_bulletin_with_bounded_queries(client, april, personas, django_assert_max_num_queries):
    login(client, personas.editor)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("assessment:console"), {"scheme": "liyang-2017", "month": "2017-04"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "溧城镇" in body and "人行（含各银行金融机构）" in body and "尚未发布" in body
    # An editor sees the bulletin but may not publish it.
    assert "publish-form" not in body


def test_console_refuses_liaisons_and_citizens(client, april, personas):
    for user in (personas.liaison, personas.citizen):
        login(client, user)
        assert client.get(reverse("assessment:console")).status_code == 403


def test_console_future_month_shows_error(client, april, personas):
    login(client, personas.admin)
    response = client.get(reverse("assessment:console"), {"scheme": "liyang-2017", "month": "2999-01"})
    assert "不能选择将来的月份" in response.content.decode()


def test_live_xlsx_download(client, april, personas):
    login(client, personas.reviewer)
    response = client.get(reverse("assessment:live_file", args=["liyang-2017", "2017-04", "xlsx"]))
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert ws["B4"].value == "溧城镇" and ws["C4"].value == 0.5


def test_admin_publishes_from_console_and_editor_cannot(client, april, personas):
    login(client, personas.editor)
    client.post(reverse("assessment:publish"), {"scheme": "liyang-2017", "month": "2017-04"})
    assert not Bulletin.objects.exists()
    login(client, personas.admin)
    response = client.post(reverse("assessment:publish"), {"scheme": "liyang-2017", "month": "2017-04"}, follow=True)
    assert "已发布 2017-04 通报（第1版）" in response.content.decode()
    bulletin = Bulletin.objects.get()
    page = client.get(reverse("assessment:bulletin", args=[bulletin.pk])).content.decode()
    assert "溧城镇" in page and "第1版" in page


def test_public_unit_rank_page(client, april, personas):
    page = client.get(reverse("assessment:unit_rank", args=[personas.town.pk])).content.decode()
    assert "本单位本月排名" in page and "尚无已发布的通报" in page
    publish_bulletin(april, APRIL, actor=personas.admin)
    page = client.get(reverse("assessment:unit_rank", args=[personas.town.pk])).content.decode()
    assert "第 1 名 / 共 27 个单位" in page and "0.5" in page
    other = client.get(reverse("assessment:unit_rank", args=[personas.town2.pk])).content.decode()
    assert "第 2 名" in other
    # A unit enrolled in no scheme has no rank page.
    assert client.get(reverse("assessment:unit_rank", args=[personas.other_city.pk])).status_code == 404


def test_published_files_are_the_snapshot(client, april, personas):
    bulletin = publish_bulletin(april, APRIL, actor=personas.admin)
    record_event(key="s2", type="share_accepted", at=shanghai(2017, 5, 3, 9), person=personas.citizen, data={"story": 2})
    response = client.get(reverse("assessment:bulletin_file", args=[bulletin.pk, "xlsx"]))
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert "第1版" in ws["A1"].value and ws["C4"].value == 0.5
    assert client.get(reverse("assessment:bulletin_file", args=[bulletin.pk, "pdf"]))["Content-Type"] == "application/pdf"


def test_liaison_sees_own_unit_live(client, april, personas):
    login(client, personas.liaison)
    page = client.get(reverse("assessment:my"), {"month": "2017-04"}).content.decode()
    assert "溧城镇" in page and "尚未发布（实时数据）" in page and "第 1 名 / 共 27 个单位" in page
    assert "教育局" not in page.split("<main")[1].split("溧城镇")[0]
    login(client, personas.citizen)
    assert client.get(reverse("assessment:my")).status_code == 403


def test_report_and_score_forms(client, luoyang, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from wenming.assessment.models import Item, Material, QualityScore

    login(client, personas.admin)
    unit = luoyang.test_units[0]
    item11 = Item.objects.get(scheme=luoyang, number=11)
    form = {"unit": unit.pk, "item": item11.pk, "title": "调研", "reported_on": "2014-08-01", "author": "甲", "checked_by": "乙", "contact": "123"}
    response = client.post(reverse("assessment:report", args=["luoyang-2014"]), form)
    assert "此项材料需加盖单位公章并由主要负责人签字" in response.content.decode()
    assert not Material.objects.exists()
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("a.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(reverse("assessment:report", args=["luoyang-2014"]), {**form, "has_seal": "on", "has_signature": "on", "file": fake})
    assert "“a.pdf”的内容不是 PDF、Word、JPG、PNG 文件" in response.content.decode()
    real = SimpleUploadedFile("调研报告.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    client.post(reverse("assessment:report", args=["luoyang-2014"]), {**form, "has_seal": "on", "has_signature": "on", "file": real})
    material = Material.objects.get()
    assert material.has_seal
    # Stored under a random name of its real type, never the name it came with.
    assert material.file.name.startswith("assessment/materials/") and material.file.name.endswith(".pdf")
    assert "调研报告" not in material.file.name
    score = {"unit": unit.pk, "item": item11.pk, "year": 2014, "score": "2.5"}
    response = client.post(reverse("assessment:score", args=["luoyang-2014"]), score)
    assert "得分不能超过该项满分 2 分" in response.content.decode()
    assert not QualityScore.objects.exists()
    client.post(reverse("assessment:score", args=["luoyang-2014"]), {**score, "score": "1.5"})
    assert str(QualityScore.objects.get().score) == "1.50"
    login(client, personas.liaison)
    assert client.get(reverse("assessment:score", args=["luoyang-2014"])).status_code == 403


def test_console_without_month_shows_the_month_just_ended(client, april, personas):
    login(client, personas.admin)
    response = client.get(reverse("assessment:console"), {"scheme": "liyang-2017"})
    assert response.status_code == 200
    assert str(Month.of(timezone.now()).prev()) in response.content.decode()
