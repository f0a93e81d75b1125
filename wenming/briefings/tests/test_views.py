"""The liaison's pages and the staff console, through the test client."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from wenming.briefings import actions
from wenming.briefings.choices import BriefingStatus, ManuscriptStatus
from wenming.briefings.models import Briefing, Manuscript
from wenming.testing.factories import shanghai

from .factories import articles_section, draft_issue, office, png_upload, submit

pytestmark = pytest.mark.django_db


def test_liaison_submits_through_the_form(client, personas):
    o = office(personas)
    client.force_login(o.county_liaison)
    response = client.post(reverse("briefings:submit"), {
        "unit": personas.county.pk, "title": "溧阳市：文明新风", "body": "<p>正文<script>x</script></p>",
        "author": "王明", "wanted_section": "工作交流", "files": [png_upload()],
    })
    m = Manuscript.objects.get()
    assert response.status_code == 302 and m.unit == personas.county and "script" not in m.body
    assert m.attachments.count() == 1


def test_a_fake_attachment_gets_a_chinese_error_and_keeps_the_form(client, personas):
    o = office(personas)
    client.force_login(o.county_liaison)
    response = client.post(reverse("briefings:submit"), {
        "unit": personas.county.pk, "title": "溧阳市：文明新风",
        "files": [SimpleUploadedFile("材料.pdf", b"MZ not a pdf")],
    })
    assert response.status_code == 200
    assert "内容与文件类型不符" in response.content.decode() and "溧阳市：文明新风" in response.content.decode()
    assert not Manuscript.objects.exists()


def test_submit_page_refused_to_a_citizen(client, personas):
    client.force_login(personas.citizen)
    assert client.get(reverse("briefings:submit")).status_code == 403


def test_submitter_sees_the_refusal_reason(client, personas):
    o = office(personas)
    m = actions.not_adopt(submit(personas), actor=o.editor, reason="请补充具体数据")
    client.force_login(o.county_liaison)
    assert "请补充具体数据" in client.get(reverse("briefings:mine")).content.decode()
    assert "请补充具体数据" in client.get(reverse("briefings:piece", args=[m.pk])).content.decode()
    client.force_login(o.city_liaison)  # the city sees its counties' pieces too
    assert client.get(reverse("briefings:piece", args=[m.pk])).status_code == 200
    client.force_login(personas.liaison)
    assert client.get(reverse("briefings:piece", args=[m.pk])).status_code == 404


def test_my_unit_page_counts(client, personas):
    o = office(personas)
    issue = draft_issue(personas, year=2022)
    actions.adopt(submit(personas), issue, articles_section(issue), actor=o.editor, at=shanghai(2022, 6, 1, 9, 0))
    client.force_login(o.county_liaison)
    page = client.get(reverse("briefings:my_unit"), {"year": 2022}).content.decode()
    assert "本单位录用 1 篇" in page and "第 1 名 / 共 1 个设区市" in page


def test_console_flow_adopt_sign_publish(client, personas):
    o = office(personas)
    m = submit(personas)
    issue = draft_issue(personas)
    client.force_login(o.editor)
    assert m.title in client.get(reverse("briefings:console")).content.decode()
    client.post(reverse("briefings:manuscript_act", args=[m.pk, "review"]))
    client.post(reverse("briefings:manuscript_act", args=[m.pk, "adopt"]), {"section": articles_section(issue).pk})
    m.refresh_from_db()
    assert m.status == ManuscriptStatus.ADOPTED
    response = client.post(reverse("briefings:issue_act", args=[issue.pk, "sign_off"]))
    assert response.status_code == 403  # an editor does not sign off
    client.force_login(o.reviewer)
    client.post(reverse("briefings:issue_act", args=[issue.pk, "sign_off"]))
    client.force_login(o.editor)
    client.post(reverse("briefings:issue_act", args=[issue.pk, "publish"]))
    issue.refresh_from_db()
    assert issue.status == BriefingStatus.PUBLISHED
    pdf = client.get(reverse("briefings:issue_file", args=[issue.pk, "pdf"]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    client.force_login(o.county_liaison)
    assert reverse("briefings:issue_file", args=[issue.pk, "pdf"]) in client.get(
        reverse("briefings:piece", args=[m.pk])).content.decode()
    docx = client.get(reverse("briefings:issue_file", args=[issue.pk, "docx"]))
    assert docx.status_code == 200 and b"".join(docx.streaming_content).startswith(b"PK")
    client.force_login(personas.citizen)
    assert client.get(reverse("briefings:issue_file", args=[issue.pk, "pdf"])).status_code == 403


def test_duplicate_number_in_console_gives_the_message(client, personas):
    o = office(personas)
    draft_issue(personas, year=2022, number=36)
    client.force_login(o.editor)
    response = client.post(reverse("briefings:issue_create"), {
        "title": "江苏精神文明建设简报", "year": 2022, "number": 36, "date": "2022-12-28", "issuer": "江苏省文明办",
        "level": "provincial", "print_run": 400}, follow=True)
    assert "2022年第36期已经存在" in response.content.decode(), response.content.decode()[:3000]
    assert Briefing.objects.count() == 1


def test_stats_page_and_xlsx(client, personas):
    o = office(personas)
    issue = draft_issue(personas, year=2022, number=3)
    for title in ("甲", "乙"):
        actions.adopt(submit(personas, title=title), issue, articles_section(issue), actor=o.editor,
                      at=shanghai(2022, 3, 1, 9, 0))
    client.force_login(o.editor)
    page = client.get(reverse("briefings:stats"), {"year": 2022}).content.decode()
    assert "常州市" in page and "2022 年稿件采用情况统计" in page
    response = client.get(reverse("briefings:stats_xlsx"), {"start": "2022-01-01", "end": "2022-12-31"})
    wb = load_workbook(io.BytesIO(response.content))
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    assert rows[1] == (1, "常州市", 0, 2, 2)
    assert ("合计", 2) in list(wb.worksheets[1].iter_rows(values_only=True))
    assert client.get(reverse("briefings:stats_xlsx"), {"start": "2022-03-02", "end": "2022-12-31"}).status_code == 200
    client.force_login(personas.citizen)
    assert client.get(reverse("briefings:stats")).status_code == 403
