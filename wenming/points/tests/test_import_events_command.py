"""wenming import-events: validation of the whole file, all-or-nothing, idempotent re-import."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wenming.core.periods import Month
from wenming.journal.models import DomainEvent
from wenming.orgs.models import Unit
from wenming.people.models import User
from wenming.points import queries
from wenming.points.models import Entry

from .factories import write_jsonl

pytestmark = pytest.mark.django_db

MARCH = Month(2017, 3)


def _events():
    return [
        {"id": "j1", "type": "join_group", "at": "2017-03-01T08:00:00+08:00", "person": "p1", "unit": "溧城镇"},
        {"id": "l1", "type": "like", "at": "2017-03-02T08:00:00+08:00", "person": "p1"},
        {"id": "l2", "type": "like", "at": "2017-03-02T09:00:00+08:00", "person": "p1"},
        {"id": "l3", "type": "like", "at": "2017-03-02T10:00:00+08:00", "person": "p1"},
        {"id": "c1", "type": "comment_valid", "at": "2017-03-03T10:00:00+08:00", "person": "p2"},
        # 2017-03-06 is a Monday: a workday headline.
        {"id": "a1", "type": "article_published", "at": "2017-03-06T07:00:00+08:00", "article": "A1", "unit": "溧城镇", "position": 1},
        {"id": "a1s", "type": "article_stats", "at": "2017-04-09T07:00:00+08:00", "article": "A1", "reads_72h": 12000, "likes": 51},
    ]


def test_import_scores_and_is_idempotent(liyang, tmp_path):
    path = write_jsonl(tmp_path / "e.jsonl", _events())
    out = StringIO()
    call_command("import-events", str(path), "--no-progress", stdout=out)
    assert "导入 7 个事件" in out.getvalue()
    town = Unit.objects.get(name="溧城镇", parent__name="溧阳市")
    p1 = User.objects.get(external_id="p1")
    # 3 likes (0.15 exactly) + headline 10 + reads >= 10000 → 10 + likes > 50 → 2, all in March.
    assert queries.unit_totals(liyang, MARCH) == {town.pk: Decimal("22.15")}
    assert queries.person_total(p1, MARCH) == Decimal("0.15")
    # p2 is in no group: personal points only.
    assert queries.person_total(User.objects.get(external_id="p2")) == Decimal("0.1")
    before = Entry.objects.count()
    out = StringIO()
    call_command("import-events", str(path), "--no-progress", stdout=out)
    assert "导入 0 个事件，跳过 7 个" in out.getvalue()
    assert Entry.objects.count() == before
    assert queries.unit_totals(liyang, MARCH) == {town.pk: Decimal("22.15")}


def test_bad_file_reports_every_line_and_imports_nothing(liyang, tmp_path):
    events = [
        *_events(),
        "{not json",
        {"id": "x1", "type": "teleport", "at": "2017-03-02T08:00:00+08:00"},
        {"id": "x2", "type": "like", "at": "2017-03-02T08:00:00+08:00"},
        {"id": "x3", "type": "article_published", "at": "2017-03-02T08:00:00+08:00", "article": "B", "unit": "火星镇", "position": 1},
        {"id": "l1", "type": "like", "at": "2017-03-09T08:00:00+08:00", "person": "p1"},
        {"id": "x4", "type": "like", "person": "p1"},
    ]
    path = write_jsonl(tmp_path / "bad.jsonl", events)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import-events", str(path), "--no-progress", stderr=err)
    text = err.getvalue()
    for line_no in (8, 9, 10, 11, 12, 13):
        assert f"第 {line_no} 行" in text
    assert "未知的事件类型" in text and "缺少字段：person" in text and "单位不存在：火星镇" in text
    assert "内容不同" in text and "缺少字段：at" in text
    assert DomainEvent.objects.filter(key__startswith="import:").count() == 0
    assert not User.objects.filter(external_id="p1").exists()
    assert Entry.objects.count() == 0


def test_conflict_with_an_earlier_import(liyang, tmp_path):
    call_command("import-events", str(write_jsonl(tmp_path / "a.jsonl", _events()[:2])), "--no-progress", stdout=StringIO())
    changed = dict(_events()[1], at="2017-03-05T08:00:00+08:00")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import-events", str(write_jsonl(tmp_path / "b.jsonl", [changed])), "--no-progress", stderr=err)
    assert "第 1 行" in err.getvalue() and "之前已导入，内容不同" in err.getvalue()


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("import-events", str(tmp_path / "nope.jsonl"))


def test_import_into_a_frozen_month_keeps_it_as_published(liyang, personas, tmp_path):
    from wenming.points import actions

    call_command("import-events", str(write_jsonl(tmp_path / "a.jsonl", _events()[:2])), "--no-progress", stdout=StringIO())
    actions.freeze_month(liyang, MARCH, actor=personas.admin)
    out = StringIO()
    call_command("import-events", str(write_jsonl(tmp_path / "b.jsonl", _events()[2:4])), "--no-progress", stdout=out)
    assert "导入 2 个事件" in out.getvalue() and "重新计分月份：—" in out.getvalue()
    assert queries.person_total(User.objects.get(external_id="p1"), MARCH) == Decimal("0.05")
