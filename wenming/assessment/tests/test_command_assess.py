import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from wenming.assessment import actions
from wenming.journal.actions import record_event
from wenming.orgs import actions as org_actions
from wenming.testing.factories import shanghai

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("assess", *args, stdout=out)
    return out.getvalue()


def test_luoyang_csv_header_and_totals_with_bonus(luoyang):
    unit = luoyang.test_units[0]
    actions.report_material(luoyang, unit, 8, title="创城信息", reported_at=shanghai(2014, 4, 1, 7, 30), event_key="r1", source="import")
    for n in range(3):
        actions.record_republication(unit, shanghai(2014, 6, n + 1, 9), event_key=f"p{n}")
    rows = list(csv.reader(io.StringIO(run("--scheme", "luoyang-2014", "--year", "2014", "--format", "csv"))))
    assert rows[0][:2] == ["unit", "points"]
    assert rows[0][2:13] == [f"item{n}" for n in range(1, 12)]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["unit"] == "市教育局"
    assert first["item8"] == "1"
    assert first["bonus"] == "1"
    assert first["points"] == "2"
    assert len(rows) == 3


def test_liyang_csv_year_total_after_vetoes(liyang, personas):
    org_actions.set_number_target(personas.town, 2017, 1)
    org_actions.join_work_group(org_actions.WorkGroup.objects.get(name=liyang.params["work_group"]), personas.liaison, shanghai(2017, 3, 1).date())
    for i in range(2):
        record_event(key=f"s{i}", type="share_accepted", at=shanghai(2017, 5, 1 + i, 9), person=personas.citizen, data={"story": i})
    rows = list(csv.DictReader(io.StringIO(run("--scheme", "liyang-2017", "--year", "2017", "--format", "csv"))))
    by_unit = {r["unit"]: r for r in rows}
    assert by_unit["溧城镇"]["points"] == "1"
    assert by_unit["溧城镇"]["2.share"] == "1"
    assert by_unit["溧城镇"]["veto"] == ""
    assert by_unit["天目湖镇"]["points"] == "0"
    assert "未指定联络员" in by_unit["天目湖镇"]["veto"]
    assert len(rows) == 27


def test_json_and_table_formats(luoyang):
    data = json.loads(run("--scheme", "luoyang-2014", "--year", "2014", "--format", "json"))
    assert {d["unit"] for d in data} == {"市教育局", "市财政局"}
    assert "市财政局" in run("--scheme", "luoyang-2014", "--year", "2014")


def test_bad_scheme_and_future_year(luoyang):
    with pytest.raises(CommandError, match="没有方案"):
        run("--scheme", "nope", "--year", "2014")
    with pytest.raises(CommandError, match="尚未到来"):
        run("--scheme", "luoyang-2014", "--year", "2999")
