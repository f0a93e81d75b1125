"""``wenming adoption --year YYYY --format csv|table|json``."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from wenming.briefings import actions
from wenming.testing.factories import shanghai

from .factories import articles_section, draft_issue, office, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(personas):
    o = office(personas)
    issue = draft_issue(personas)
    actions.adopt(submit(personas), issue, articles_section(issue), actor=o.editor, at=shanghai(2022, 3, 1, 9, 0))
    actions.adopt(submit(personas, unit=personas.province, title="综合稿"), issue, articles_section(issue), actor=o.editor,
                  at=shanghai(2022, 3, 1, 9, 0))


def _run(*args) -> str:
    out = io.StringIO()
    call_command("adoption", *args, stdout=out)
    return out.getvalue()


def test_csv(adopted):
    assert _run("--year", "2022", "--format", "csv").splitlines() == [
        "region,city_level,county_level,total", "常州市,0,1,1", "综合稿件,0,0,1", "合计,0,1,2"]


def test_json_and_table(adopted):
    data = json.loads(_run("--year", "2022", "--format", "json"))
    assert data["cities"] == [{"region": "常州市", "city_level": 0, "county_level": 1, "total": 1}]
    assert (data["general"], data["total"]) == (1, 2)
    table = _run("--year", "2022").splitlines()
    assert table[0].split() == ["region", "city_level", "county_level", "total"]
    assert table[-1].split() == ["合计", "0", "1", "2"]


def test_an_empty_year_and_a_bad_one(db):
    assert _run("--year", "2019", "--format", "csv").splitlines() == [
        "region,city_level,county_level,total", "综合稿件,0,0,0", "合计,0,0,0"]
    with pytest.raises(CommandError, match="年度无效"):
        _run("--year", "1999")
