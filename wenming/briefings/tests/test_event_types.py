"""Import lines ``manuscript`` and ``adopted``, and seed 004's table reproduced from them."""

import io
import json

import pytest
from django.core.management import call_command

from wenming.briefings.choices import BriefingStatus
from wenming.briefings.models import Adoption, Briefing, Manuscript
from wenming.briefings.queries import adoption_report_for_year
from wenming.orgs.choices import UnitKind
from wenming.orgs.models import Unit
from wenming.points.importing import import_events

from . import seed004

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(db):
    return Unit.objects.create(name="江苏省", kind=UnitKind.PROVINCE)


def _write(tmp_path, lines):
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    return path


def _csv(year) -> list[str]:
    out = io.StringIO()
    call_command("adoption", "--year", str(year), "--format", "csv", stdout=out)
    return out.getvalue().splitlines()


def test_seed_004_table_reproduced_from_manuscripts(province, tmp_path):
    path = tmp_path / "seed004.jsonl"
    seed004.write(path)
    result = import_events(path)
    assert result.ok, result.errors
    assert _csv(2022) == seed004.EXPECTED_CSV
    report = adoption_report_for_year(2022)
    assert (report.city_level, report.county_level, report.general, report.total) == (41, 47, 3, 93)
    # Regions missing from the tree were created under the right city, cities under the province.
    jiangning = Unit.objects.get(name="江宁区")
    assert jiangning.kind == UnitKind.COUNTY and jiangning.parent.name == "南京市"
    assert jiangning.parent.parent == province
    # Issues named by the lines were created as drafts; issue 36 carries pieces first adopted earlier.
    assert Briefing.objects.get(year=2022, number=36).status == BriefingStatus.DRAFT
    assert Adoption.objects.filter(briefing__year=2022, briefing__number=36).count() == 1 + sum(
        len(counties) for _c, counties in seed004.TABLE.values()
    )
    # The piece adopted on 31 December 16:30 UTC is 1 January 2023 in Shanghai.
    assert _csv(2023) == ["region,city_level,county_level,total", "南京市,0,1,1", "综合稿件,0,0,0", "合计,0,1,1"]
    assert _csv(2021)[1] == "南京市,1,0,1"


def test_reimport_is_a_no_op(province, tmp_path):
    path = tmp_path / "seed004.jsonl"
    seed004.write(path)
    assert import_events(path).ok
    before = (Manuscript.objects.count(), Adoption.objects.count(), Briefing.objects.count())
    again = import_events(path)
    assert again.ok and again.imported == 0
    assert (Manuscript.objects.count(), Adoption.objects.count(), Briefing.objects.count()) == before
    assert _csv(2022) == seed004.EXPECTED_CSV


def test_bad_lines_are_reported_by_number_and_nothing_is_imported(province, tmp_path):
    path = _write(tmp_path, [
        {"id": "1", "type": "manuscript", "manuscript": "a", "level": "city", "title": "好稿", "at": "2022-01-01T09:00:00+08:00",
         "region": "南京市"},
        {"id": "2", "type": "manuscript", "manuscript": "b", "level": "county", "title": "无地区", "at": "2022-01-01T09:00:00+08:00"},
        {"id": "3", "type": "manuscript", "manuscript": "c", "level": "town", "title": "x", "at": "2022-01-01T09:00:00+08:00"},
        {"id": "4", "type": "adopted", "manuscript": "zzz", "briefing": "2022-1", "at": "2022-02-01T09:00:00+08:00"},
        {"id": "5", "type": "adopted", "manuscript": "a", "briefing": "第36期", "at": "2022-02-01T09:00:00+08:00"},
        {"id": "6", "type": "manuscript", "manuscript": "d", "level": "sector", "title": "x", "at": "2022-01-01T09:00:00+08:00"},
        {"id": "7", "type": "manuscript", "manuscript": "e", "level": "city", "title": "x", "at": "2022-01-01T09:00:00+08:00",
         "region": "长" * 101},
    ])
    result = import_events(path)
    assert [n for n, _m in result.errors] == [2, 2, 3, 4, 5, 6, 7]
    messages = " ".join(m for _n, m in result.errors)
    assert "region" in messages and "city" in messages and "2022-36" in messages and "sector" in messages
    assert not Manuscript.objects.exists() and not Unit.objects.filter(name="南京市").exists()


def test_adopting_into_a_published_issue_is_refused(tmp_path, personas):
    from wenming.briefings.tests.factories import published_issue

    issue = published_issue(personas, year=2022, number=5)
    path = _write(tmp_path, [
        {"id": "1", "type": "manuscript", "manuscript": "a", "level": "general", "title": "稿", "at": "2022-01-01T09:00:00+08:00"},
        {"id": "2", "type": "adopted", "manuscript": "a", "briefing": issue.key, "at": "2022-02-01T09:00:00+08:00"},
    ])
    result = import_events(path)
    assert [n for n, _m in result.errors] == [2]
    assert "已印发" in result.errors[0][1]
