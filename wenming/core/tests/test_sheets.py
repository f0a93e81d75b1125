"""The one spreadsheet writer: user text never becomes a formula, decimals stay exact."""

import io
import zipfile
from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from wenming.core.periods import SHANGHAI
from wenming.core.sheets import (
    CsvWriter,
    Formula,
    Sheet,
    append_row,
    new_workbook,
    workbook_bytes,
    xlsx_bytes,
)

HOSTILE = ["=HYPERLINK(\"https://evil.example\",\"点我\")", "+1+2", "-3+4", "@SUM(A1)", "\t=1", "\n=1"]


def test_xlsx_formula_like_text_is_stored_as_text_with_quote_prefix():
    data = xlsx_bytes([Sheet("单位", ["名称"], [[text] for text in HOSTILE])])
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    ws = load_workbook(io.BytesIO(data)).active
    cells = [row[0] for row in ws.iter_rows(min_row=2)]
    assert [c.value for c in cells] == HOSTILE
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_xlsx_decimal_is_written_with_its_own_digits():
    data = xlsx_bytes([Sheet("分", ["分"], [[Decimal("69.65")], [Decimal("0.05") * 3]])])
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<v>69.65</v>" in xml and "<v>0.15</v>" in xml
    assert "69.6500000" not in xml


def test_xlsx_refuses_floats_and_keeps_deliberate_formulas():
    with pytest.raises(TypeError):
        xlsx_bytes([Sheet("x", ["a"], [[0.1]])])
    wb = new_workbook()
    ws = wb.active
    append_row(ws, [Decimal("1.5")])
    append_row(ws, [Formula("=SUM(A1:A1)")])
    ws2 = load_workbook(io.BytesIO(workbook_bytes(wb))).active
    assert ws2["A2"].value == "=SUM(A1:A1)" and ws2["A2"].data_type == "f"


def test_xlsx_aware_datetime_is_shanghai_wall_time():
    at = datetime(2026, 1, 1, 8, 30, tzinfo=SHANGHAI)
    ws = load_workbook(io.BytesIO(xlsx_bytes([Sheet("t", ["时间"], [[at]])]))).active
    assert ws["A2"].value == datetime(2026, 1, 1, 8, 30)


def test_csv_defuses_formula_like_text_and_keeps_numbers():
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(["=1+1", "-溧阳", Decimal("69.65"), -3, None])
    assert out.getvalue() == "'=1+1,'-溧阳,69.65,-3,\n"
