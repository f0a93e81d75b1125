import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from wenming.journal.actions import record_event
from wenming.testing.factories import shanghai

pytestmark = pytest.mark.django_db


def test_bulletin_command_writes_xlsx_and_pdf(liyang, personas, tmp_path):
    record_event(key="s", type="share_accepted", at=shanghai(2017, 4, 5, 9), person=personas.citizen, data={"story": 1})
    xlsx = tmp_path / "april.xlsx"
    out = io.StringIO()
    call_command("bulletin", "--scheme", "liyang-2017", "--month", "2017-04", "--out", str(xlsx), stdout=out)
    assert "27" in out.getvalue()
    ws = load_workbook(xlsx).worksheets[0]
    cells = {ws.cell(row=r, column=2).value: ws.cell(row=r, column=3).value for r in range(4, 31)}
    assert cells["溧城镇"] == 0.5
    pdf = tmp_path / "april.pdf"
    call_command("bulletin", "--scheme", "liyang-2017", "--month", "2017-04", "--out", str(pdf), stdout=io.StringIO())
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "溧城镇" in text and "0.5" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2999-01"], "将来"),
        (["--month", "2017-13"], "YYYY-MM"),
        (["--month", "2017-04", "--out", "x.doc"], ".xlsx"),
    ],
)
def test_bad_input_writes_nothing(liyang, tmp_path, args, message):
    argv = ["--scheme", "liyang-2017", *args]
    if "--out" not in args:
        argv += ["--out", str(tmp_path / "b.xlsx")]
    with pytest.raises(CommandError, match=message):
        call_command("bulletin", *argv, stdout=io.StringIO())
    assert not (tmp_path / "b.xlsx").exists()


def test_scheme_without_enrolled_units_is_refused(tmp_path):
    from wenming.assessment.tests.factories import SchemeFactory

    SchemeFactory(slug="empty-2017")
    with pytest.raises(CommandError, match="没有参加单位"):
        call_command("bulletin", "--scheme", "empty-2017", "--month", "2017-04", "--out", str(tmp_path / "e.xlsx"))
    assert not (tmp_path / "e.xlsx").exists()
