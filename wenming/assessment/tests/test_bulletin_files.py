"""The bulletin files: open the .xlsx with openpyxl and read the .pdf's text with pypdf."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from wenming.assessment.bulletins import build, render_pdf, render_xlsx
from wenming.core.periods import Month
from wenming.journal.actions import record_event
from wenming.testing.factories import shanghai

pytestmark = pytest.mark.django_db


@pytest.fixture
def april(liyang, personas):
    for i in range(3):
        record_event(key=f"t:{i}", type="share_accepted", at=shanghai(2017, 4, i + 2, 9), person=personas.citizen, data={"story": i})
    return build(liyang, Month(2017, 4))


def test_xlsx_holds_real_numbers_a4_and_charts(april):
    wb = load_workbook(io.BytesIO(render_xlsx(april, version=2)))
    ws = wb.worksheets[0]
    assert "2017年4月通报" in ws["A1"].value and "第2版" in ws["A1"].value
    header = [c.value for c in ws[3]]
    assert header[:3] == ["排名", "单位", "积分"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=4, max_row=3 + len(april["rows"]), values_only=True)}
    town = rows["溧城镇"]
    assert town[0] == 1
    assert isinstance(town[2], int | float) and Decimal(str(town[2])) == Decimal("1.5")
    followers_col = header.index("粉丝数")
    assert town[followers_col] == 1
    assert town[header.index("目标人数")] == 6000
    assert "人行（含各银行金融机构）" in rows
    total_row = 4 + len(april["rows"])
    assert ws.cell(row=total_row, column=1).value == "合计"
    assert ws.cell(row=total_row, column=3).value.startswith("=SUM(")
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == "landscape"
    assert len(ws._charts) == 2
    gaps = wb.worksheets[1]
    assert any(row[0] == "天目湖镇" and "少于 5 篇" in row[1] for row in gaps.iter_rows(min_row=2, values_only=True))


def test_pdf_has_chinese_unit_names_and_numbers(april):
    pdf = render_pdf(april, version=1)
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "溧城镇" in text and "人行（含各银行金融机构）" in text
    assert "1.5" in text and "6000" in text
    assert "2017年4月通报" in text
    fonts = {
        str(f["/BaseFont"])
        for page in reader.pages
        for f in (page["/Resources"].get("/Font") or {}).values()
        if "/BaseFont" in f.get_object()
        for f in [f.get_object()]
    }
    assert any("CJK" in name for name in fonts), fonts
    # Embedded, not referenced: every font carries its file.
    for page in reader.pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_luoyang_bulletin_lists_items_and_bonus(luoyang):
    from wenming.assessment import actions

    unit = luoyang.test_units[0]
    actions.report_material(luoyang, unit, 4, title="宣讲", reported_at=shanghai(2014, 2, 1, 9), event_key="k1", source="import")
    for n in range(3):
        actions.record_republication(unit, shanghai(2014, 3, n + 1, 9), event_key=f"rp{n}")
    data = build(luoyang, Month(2014, 3))
    row = next(r for r in data["rows"] if r["unit"] == "市教育局")
    assert row["values"]["item:4"] == "1"
    assert row["values"]["bonus"] == "1"
    assert row["values"]["points"] == "2"
    assert row["rank"] == 1
    wb = load_workbook(io.BytesIO(render_xlsx(data)))
    assert "第11项" in [c.value for c in wb.worksheets[0][3]]
    text = PdfReader(io.BytesIO(render_pdf(data))).pages[0].extract_text()
    assert "市教育局" in text and "网络传播加分" in text
