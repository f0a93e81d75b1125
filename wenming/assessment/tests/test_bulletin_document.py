"""The monthly bulletin as a document: PDF and DOCX read back, the xlsx's numbers exact."""

import io
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from wenming.assessment.bulletin_document import Header, render_docx, render_pdf, render_xlsx
from wenming.assessment.bulletins import build
from wenming.assessment.schemes import enroll_other_unit
from wenming.core.periods import Month
from wenming.orgs.models import Unit
from wenming.points.actions import adjust_points

pytestmark = pytest.mark.django_db
HEADER = Header(issuer="溧阳市文明办", document_number="溧文明办〔2017〕5号", on=date(2017, 5, 3))


@pytest.fixture
def april(liyang, personas):
    enroll_other_unit(liyang, "=HYPERLINK(\"http://x\")", headcount=80)
    adjust_points(scheme=liyang, month=Month(2017, 4), actor=personas.admin, amount=Decimal("69.65"),
                  reason="测试", unit=personas.town)
    return build(liyang, Month(2017, 4))


def test_xlsx_holds_69_65_exactly_and_formula_like_names_as_text(april, tmp_path):
    path = tmp_path / "b.xlsx"
    path.write_bytes(render_xlsx(april, HEADER))
    import zipfile

    sheet = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<v>69.65</v>" in sheet and "69.6500000" not in sheet
    wb = load_workbook(path)
    rows = {r[1]: r for r in wb["排名"].iter_rows(min_row=2, values_only=True)}
    assert rows["溧城镇"][:3] == (1, "溧城镇", 69.65)
    cell = next(c for c in wb["排名"]["B"] if c.value and str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"
    assert "溧城镇" in [r[1] for r in wb["分项明细"].iter_rows(min_row=2, values_only=True)]


def test_pdf_header_summary_gaps_charts_and_appendix(april):
    reader = PdfReader(io.BytesIO(render_pdf(april, HEADER)))
    text = "\n".join(p.extract_text() for p in reader.pages)
    flat = text.replace(" ", "").replace("\n", "")
    assert "溧阳市文明办" in flat and "溧文明办〔2017〕5号" in flat and "2017年5月3日" in flat
    assert "一、排名情况" in flat and "二、职责未完成情况" in flat and "附表" in flat
    assert "溧城镇69.65" in flat
    assert "1.天目湖镇" in flat or "天目湖镇：" in flat
    # The summary fits on the first two portrait pages; the appendix is landscape.
    first = reader.pages[0].mediabox
    assert float(first.width) < float(first.height)
    last = reader.pages[-1].mediabox
    assert float(last.width) > float(last.height)
    assert {len(p.images) > 0 for p in reader.pages} >= {True}  # the charts are pictures
    keep = os.environ.get("WENMING_KEEP_FILES")
    if keep:
        (Path(keep) / "bulletin.pdf").write_bytes(render_pdf(april, HEADER))
    assert Unit.objects.filter(name__startswith="=HYPERLINK").exists()


def test_docx_same_parts(april):
    doc = Document(io.BytesIO(render_docx(april, HEADER)))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "溧阳市文明办" and texts[1] == "溧文明办〔2017〕5号"
    assert "二、职责未完成情况" in texts and any(t.startswith("1. ") for t in texts)
    summary = doc.tables[0]
    assert [c.text for c in summary.rows[0].cells][:3] == ["排名", "单位", "积分"]
    assert [c.text for c in summary.rows[1].cells][:3] == ["1", "溧城镇", "69.65"]
    assert len(doc.inline_shapes) == 2
    assert doc.sections[-1].page_width > doc.sections[-1].page_height


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".xlsx"])
def test_command_writes_each_format(liyang, tmp_path, suffix):
    from django.core.management import call_command

    out = tmp_path / f"b{suffix}"
    call_command("bulletin-document", "--scheme", "liyang-2017", "--month", "2017-04", "--out", str(out),
                 "--number", "溧文明办〔2017〕5号", "--date", "2017-05-03", stdout=io.StringIO())
    head = out.read_bytes()[:4]
    assert head == (b"%PDF" if suffix == ".pdf" else b"PK\x03\x04")


def test_command_refuses_a_bad_date_and_format(liyang, tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="日期无效"):
        call_command("bulletin-document", "--scheme", "liyang-2017", "--month", "2017-04",
                     "--out", str(tmp_path / "b.pdf"), "--date", "2017-13-01")
    with pytest.raises(CommandError, match=r"\.pdf"):
        call_command("bulletin-document", "--scheme", "liyang-2017", "--month", "2017-04", "--out", str(tmp_path / "b.txt"))
