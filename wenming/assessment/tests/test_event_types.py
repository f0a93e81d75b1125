"""``wenming import-events`` lines for assessment: enroll, report, quality_score, republished."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from wenming.assessment.luoyang import assess_year
from wenming.assessment.models import Enrollment, Material, QualityScore, Republication, Scheme
from wenming.assessment.schemes import load_scheme
from wenming.journal.models import DomainEvent
from wenming.orgs.models import Unit

pytestmark = pytest.mark.django_db


def write(tmp_path, lines) -> str:
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    return str(path)


def run(path):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import-events", path, "--no-progress", stdout=out, stderr=err)
    finally:
        run.stderr = err.getvalue()
    return out.getvalue()


GOOD = [
    {"id": "e1", "type": "enroll", "unit": "市文广新局", "scheme": "luoyang-2014"},
    {"id": "r1", "type": "report", "unit": "市文广新局", "item": 4, "at": "2014-03-31T23:30:00+00:00"},
    {"id": "r2", "type": "report", "unit": "市文广新局", "item": 11, "at": "2014-08-31T20:00:00+08:00"},
    {"id": "q1", "type": "quality_score", "unit": "市文广新局", "item": 11, "score": "1.5", "year": 2014},
    {"id": "p1", "type": "republished", "unit": "市文广新局", "at": "2014-05-01T09:00:00+08:00"},
    {"id": "p2", "type": "republished", "unit": "市文广新局", "at": "2014-05-02T09:00:00+08:00"},
    {"id": "p3", "type": "republished", "unit": "市文广新局", "at": "2014-05-03T09:00:00+08:00"},
]


def test_import_creates_unit_enrolls_and_scores(tmp_path):
    run(write(tmp_path, GOOD))
    scheme = Scheme.objects.get(slug="luoyang-2014")
    unit = Unit.objects.get(name="市文广新局")
    assert Enrollment.objects.filter(scheme=scheme, unit=unit).exists()
    assert Material.objects.filter(unit=unit).count() == 2
    assert QualityScore.objects.get(unit=unit).score == Decimal("1.5")
    assert Republication.objects.filter(unit=unit).count() == 3
    assert DomainEvent.objects.filter(type="report").count() == 2
    (result,) = assess_year(scheme, 2014)
    # 23:30 UTC on 31 March is 07:30 on 1 April in Shanghai: Q2, one quarter of item 4.
    assert result.items[4] == Decimal(1)
    assert result.items[11] == Decimal("1.5")
    assert result.bonus == Decimal(1)
    assert result.total == Decimal("3.5")
    # Importing the same file again changes nothing.
    run(write(tmp_path, GOOD))
    assert Material.objects.count() == 2 and Republication.objects.count() == 3


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"id": "x", "type": "quality_score", "unit": "市文广新局", "item": 11, "score": "2.5", "year": 2014}, "超出范围"),
        ({"id": "x", "type": "report", "unit": "市文广新局", "item": 12, "at": "2014-05-01T09:00:00+08:00"}, "没有第 12 项"),
        ({"id": "x", "type": "report", "unit": "市文广新局", "item": 4, "at": "2999-05-01T09:00:00+08:00"}, "将来"),
        ({"id": "x", "type": "report", "unit": "没参加的单位", "item": 4, "at": "2014-05-01T09:00:00+08:00"}, "未参加"),
        ({"id": "x", "type": "quality_score", "unit": "市文广新局", "item": 4, "score": "1", "year": 2014}, "不按质评分"),
        ({"id": "x", "type": "enroll", "unit": "某单位", "scheme": "no-such"}, "没有方案"),
        ({"id": "x", "type": "republished", "unit": "不存在", "at": "2014-05-01T09:00:00+08:00"}, "单位不存在"),
    ],
)
def test_bad_line_reported_with_number_and_nothing_imported(tmp_path, line, message):
    with pytest.raises(CommandError):
        run(write(tmp_path, [*GOOD, line]))
    assert f"第 {len(GOOD) + 1} 行" in run.stderr and message in run.stderr
    assert not Unit.objects.filter(name="市文广新局").exists()
    assert not Material.objects.exists() and not DomainEvent.objects.exists()


def test_enrolled_unit_from_database_is_found(tmp_path):
    load_scheme("luoyang-2014")
    run(write(tmp_path, GOOD[:1]))
    run(write(tmp_path, [GOOD[1]]))
    assert Material.objects.count() == 1
