"""wenming points: month totals by unit or person as csv, table or json."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wenming.testing.factories import UserFactory

from .helpers import ev

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("points", *args, stdout=out)
    return out.getvalue()


def _score(personas):
    ev("article_published", (2017, 3, 6, 7, 0), unit=personas.town, article="A", position=1)
    ev("article_stats", (2017, 3, 9, 7, 0), article="A", reads_72h=50000, likes=51)
    ev("repost", (2017, 3, 8, 9, 0), unit=personas.town, repost="R", level="province", reads_72h=2000)
    ev("repost", (2017, 3, 8, 9, 0), unit=personas.town, repost="R2", level="local", reads_72h=0)
    for minute in range(13):
        ev("like", (2017, 3, 2, 10, minute), person=personas.citizen, target=f"s:{minute}")
    ev("article_published", (2017, 3, 6, 7, 0), unit=personas.dept, article="B", position=2)


def test_csv_by_unit_has_the_documented_header_and_plain_decimals(liyang, personas):
    _score(personas)
    lines = _run("--scheme", "liyang-2017", "--month", "2017-03", "--by", "unit", "--format", "csv").splitlines()
    assert lines[0].startswith("unit,points")
    # 10 + 10 + 2 + 25 + 3 + 13 × 0.05 = 50.65
    assert lines[1] == "溧城镇,50.65,1"
    assert lines[2] == "教育局,5,2"


def test_csv_by_person_uses_external_ids(liyang, personas):
    imported = UserFactory(external_id="E-77")
    ev("lead_accepted", (2017, 3, 2, 9, 0), person=imported, lead=1)
    _score(personas)
    lines = _run("--scheme", "liyang-2017", "--month", "2017-03", "--by", "person", "--format", "csv").splitlines()
    assert lines[0].startswith("person,points")
    assert lines[1:] == ["E-77,1,1", "citizen,0.65,2"]


def test_json_and_table(liyang, personas):
    _score(personas)
    data = json.loads(_run("--scheme", "liyang-2017", "--month", "2017-03", "--format", "json"))
    assert data[0] == {"unit": "溧城镇", "points": "50.65", "rank": 1}
    assert "50.65" in _run("--scheme", "liyang-2017", "--month", "2017-03")


def test_bad_arguments_are_clear_errors(liyang):
    with pytest.raises(CommandError, match="月份格式"):
        _run("--scheme", "liyang-2017", "--month", "2017-3")
    with pytest.raises(CommandError, match="没有方案"):
        _run("--scheme", "nope", "--month", "2017-03")
