"""Regression: a unit named like a formula stays text in every sheet the assessment app writes,
and points keep their exact digits (the probe found =HYPERLINK(...) written as a live formula)."""

import csv
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from wenming.assessment.actions import enroll
from wenming.assessment.bulletins import build, render_xlsx
from wenming.core.periods import Month
from wenming.orgs import actions as org_actions
from wenming.points.actions import adjust_points

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("https://evil.example","x")'
MONTH = Month(2017, 4)


@pytest.fixture
def hostile_unit(liyang, personas):
    unit, _created = org_actions.ensure_unit(HOSTILE, "town", liyang.region)
    enroll(liyang, unit)
    adjust_points(scheme=liyang, month=MONTH, actor=personas.admin, amount=Decimal("69.65"), reason="测试", unit=unit)
    return unit


def _sheet_xml(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted(n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
        return [archive.read(n).decode() for n in names]


def test_bulletin_xlsx_keeps_a_formula_like_unit_name_as_text_in_both_sheets(liyang, hostile_unit):
    content = render_xlsx(build(liyang, MONTH))
    wb = load_workbook(io.BytesIO(content))
    bulletin, reminders = wb.worksheets
    names = [c for c in bulletin["B"] if c.value == HOSTILE]
    assert len(names) == 1 and names[0].data_type == "s" and names[0].quotePrefix
    reminder_cells = [row[0] for row in reminders.iter_rows(min_row=2) if row[0].value == HOSTILE]
    assert reminder_cells, "the unit has duty gaps, so it is listed on the reminder sheet"
    assert all(c.data_type == "s" and c.quotePrefix for c in reminder_cells)
    for xml in _sheet_xml(content):
        formulas = re.findall(r"<f>(.*?)</f>", xml)
        # The only formulas are the bulletin's own SUM row.
        assert all(f.startswith("SUM(") for f in formulas), formulas
        assert "HYPERLINK" not in "".join(formulas)


def test_bulletin_xlsx_stores_69_65_points_with_its_own_digits(liyang, hostile_unit):
    content = render_xlsx(build(liyang, MONTH))
    xml = _sheet_xml(content)[0]
    assert "<v>69.65</v>" in xml
    assert "69.6500000" not in xml
    ws = load_workbook(io.BytesIO(content)).worksheets[0]
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[1] == HOSTILE)
    assert Decimal(str(row[2])) == Decimal("69.65")


def test_pdf_chart_widths_are_decimals(liyang, hostile_unit):
    from wenming.assessment.bulletins import chart_bars

    bars = chart_bars(build(liyang, MONTH))
    top = next(b for b in bars if b["unit"] == HOSTILE)
    assert top["width"] == Decimal("100.0")
    assert all(isinstance(b[k], Decimal) for b in bars for k in ("width", "followers_width", "required_width"))


def test_assess_csv_defuses_a_formula_like_unit_name(liyang, hostile_unit):
    out = io.StringIO()
    call_command("assess", "--scheme", "liyang-2017", "--year", "2017", "--format", "csv", stdout=out)
    assert HOSTILE not in out.getvalue().replace("'" + HOSTILE, "")
    rows = {r["unit"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert "'" + HOSTILE in rows
    assert rows["'" + HOSTILE]["earned"] == "69.65"


def test_points_csv_defuses_a_formula_like_unit_name_and_keeps_negative_numbers(liyang, hostile_unit, personas):
    adjust_points(scheme=liyang, month=MONTH, actor=personas.admin, amount=Decimal("-0.05"), reason="撤销", unit=personas.town)
    out = io.StringIO()
    call_command("points", "--scheme", "liyang-2017", "--month", "2017-04", "--by", "unit", "--format", "csv", stdout=out)
    rows = {r["unit"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["'" + HOSTILE]["points"] == "69.65"
    assert rows["溧城镇"]["points"] == "-0.05"
