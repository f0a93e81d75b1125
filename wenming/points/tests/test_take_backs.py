"""Take-backs (like_removed, comment_invalidated) count in the month they happen (RULES §1.3):
a published month never changes after the fact, and a take-back of a frozen month's act is not lost."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from wenming.core.periods import Month
from wenming.journal.models import DomainEvent
from wenming.people.models import User
from wenming.points import actions, queries
from wenming.points.models import Entry

from .helpers import ev

pytestmark = pytest.mark.django_db

MARCH, APRIL = Month(2017, 3), Month(2017, 4)


def _import(tmp_path, lines, name="e.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import-events", str(path), "--no-progress", stdout=out, stderr=err)
    except CommandError:
        return None, err.getvalue()
    return out.getvalue(), err.getvalue()


def _unit_total(scheme, unit, month) -> Decimal:
    return queries.unit_totals(scheme, month).get(unit.pk, Decimal(0))


def test_a_web_like_of_a_frozen_month_removed_next_month_counts_in_the_next_month(liyang, personas):
    like = ev("like", (2017, 3, 20, 10, 0), person=personas.citizen, target="story:1")
    actions.freeze_month(liyang, MARCH, actor=personas.admin)
    march_entries = list(Entry.objects.filter(period="2017-03-01").values_list("id", "amount"))
    ev("like_removed", (2017, 4, 2, 9, 0), person=personas.citizen, like_event=like.key)
    assert queries.person_total(personas.citizen, MARCH) == Decimal("0.05")
    assert queries.person_total(personas.citizen, APRIL) == Decimal("-0.05")
    assert _unit_total(liyang, personas.town, MARCH) == Decimal("0.05")
    assert _unit_total(liyang, personas.town, APRIL) == Decimal("-0.05")
    assert list(Entry.objects.filter(period="2017-03-01").values_list("id", "amount")) == march_entries
    # A recompute of April gives the same (the batch path agrees with the incremental one).
    actions.recompute_month(liyang, APRIL, actor=personas.admin)
    assert queries.person_total(personas.citizen, APRIL) == Decimal("-0.05")
    assert queries.person_total(personas.citizen) == Decimal("0")


def test_an_imported_take_back_of_a_frozen_month_counts_in_its_own_month(liyang, personas, tmp_path):
    acts = [
        {"id": "j1", "type": "join_group", "at": "2017-03-01T08:00:00+08:00", "person": "p1", "unit": "溧城镇"},
        {"id": "l1", "type": "like", "at": "2017-03-20T08:00:00+08:00", "person": "p1", "target": "story:1"},
        {"id": "c1", "type": "comment_valid", "at": "2017-03-21T08:00:00+08:00", "person": "p1", "comment": "9"},
    ]
    out, err = _import(tmp_path, acts)
    assert out is not None, err
    actions.freeze_month(liyang, MARCH, actor=personas.admin)
    p1 = User.objects.get(external_id="p1")
    assert queries.person_total(p1, MARCH) == Decimal("0.15")
    take_backs = [
        {"id": "r1", "type": "like_removed", "at": "2017-04-02T08:00:00+08:00", "person": "p1", "like_event": "import:l1"},
        {"id": "r2", "type": "comment_invalidated", "at": "2017-04-03T08:00:00+08:00", "person": "p1",
         "comment_event": "import:c1"},
    ]
    out, err = _import(tmp_path, take_backs, "tb.jsonl")
    assert out is not None and "重新计分月份：2017-04" in out, err
    assert queries.person_total(p1, MARCH) == Decimal("0.15")
    assert queries.person_total(p1, APRIL) == Decimal("-0.15")
    town = personas.town
    assert _unit_total(liyang, town, MARCH) == Decimal("0.15")
    assert _unit_total(liyang, town, APRIL) == Decimal("-0.15")
    # Re-importing the take-backs is a no-op.
    count = Entry.objects.count()
    out, err = _import(tmp_path, take_backs, "tb.jsonl")
    assert "导入 0 个事件，跳过 2 个" in out, err
    assert Entry.objects.count() == count and queries.person_total(p1, APRIL) == Decimal("-0.15")


def test_a_like_and_its_removal_in_one_file_count_in_their_own_months(liyang, personas, tmp_path):
    lines = [
        {"id": "r1", "type": "like_removed", "at": "2017-04-02T08:00:00+08:00", "person": "p1", "like_event": "import:l1"},
        {"id": "l1", "type": "like", "at": "2017-03-20T08:00:00+08:00", "person": "p1"},
    ]
    out, err = _import(tmp_path, lines)
    assert out is not None, err
    p1 = User.objects.get(external_id="p1")
    assert (queries.person_total(p1, MARCH), queries.person_total(p1, APRIL)) == (Decimal("0.05"), Decimal("-0.05"))


def test_bad_take_backs_are_refused_with_their_line_numbers(liyang, personas, tmp_path):
    web_like = ev("like", (2017, 3, 20, 10, 0), person=personas.citizen, target="story:1")
    share = ev("share_accepted", (2017, 3, 20, 10, 0), person=personas.citizen, story=1)
    lines = [
        {"id": "l1", "type": "like", "at": "2017-03-20T08:00:00+08:00", "person": "p1"},
        {"id": "r1", "type": "like_removed", "at": "2017-04-02T08:00:00+08:00", "person": "p1", "like_event": "import:nope"},
        {"id": "r2", "type": "like_removed", "at": "2017-04-02T08:00:00+08:00", "person": "p2", "like_event": "import:l1"},
        {"id": "r3", "type": "like_removed", "at": "2017-03-01T08:00:00+08:00", "person": "p1", "like_event": "import:l1"},
        {"id": "r4", "type": "like_removed", "at": "2017-04-02T08:00:00+08:00", "person": "p1", "like_event": "import:l1"},
        {"id": "r5", "type": "like_removed", "at": "2017-04-03T08:00:00+08:00", "person": "p1", "like_event": "import:l1"},
        {"id": "r6", "type": "like_removed", "at": "2017-04-03T08:00:00+08:00", "person": "p1", "like_event": share.key},
        {"id": "r7", "type": "like_removed", "at": "2017-04-03T08:00:00+08:00", "person": "p1", "like_event": web_like.key},
        {"id": "r8", "type": "like_removed", "at": "2017-04-03T08:00:00+08:00", "person": "p1", "like_event": ["import:l1"]},
    ]
    before = DomainEvent.objects.count(), Entry.objects.count()
    out, err = _import(tmp_path, lines)
    assert out is None
    assert "第 2 行：找不到被撤销的行为" in err
    assert "第 3 行：撤销人与原行为人不一致" in err
    assert "第 4 行：撤销时间早于原行为" in err
    assert "第 5 行：" not in err
    assert "第 6 行：该行为已在第 5 行撤销" in err
    assert "第 7 行：like_event 须指向 like 事件" in err
    assert "第 8 行：撤销人与原行为人不一致" in err
    assert "第 9 行：like_event 须为文字" in err
    assert (DomainEvent.objects.count(), Entry.objects.count()) == before


def test_a_like_taken_back_on_the_web_cannot_be_taken_back_again_by_import(liyang, personas, tmp_path):
    out, _err = _import(tmp_path, [{"id": "l1", "type": "like", "at": "2017-03-20T08:00:00+08:00", "person": "p1"}])
    p1 = User.objects.get(external_id="p1")
    ev("like_removed", (2017, 3, 22, 10, 0), person=p1, like_event="import:l1")
    line = {"id": "r1", "type": "like_removed", "at": "2017-04-02T08:00:00+08:00", "person": "p1", "like_event": "import:l1"}
    out, err = _import(tmp_path, [line], "again.jsonl")
    assert out is None and "第 1 行：该行为已被撤销过" in err


def test_a_take_back_beside_broken_lines_is_still_a_report(liyang, personas, tmp_path):
    good = {"id": "l1", "type": "like", "at": "2017-03-20T08:00:00+08:00", "person": "p1"}
    copy = {"id": "l1", "type": "like", "at": "not a time", "person": "p1"}
    take_back = {"id": "r1", "type": "like_removed", "at": "2017-04-02T08:00:00+08:00", "person": "p1",
                 "like_event": "import:l1"}
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([json.dumps(copy).encode(), json.dumps(good).encode(), b"\xff\xfe{", json.dumps(take_back).encode()]))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import-events", str(path), "--no-progress", "--encoding", "utf-8", stdout=out, stderr=err)
    assert "第 1 行：at 须为带时区的 ISO-8601 时间" in err.getvalue()
    assert "第 3 行：无法按 UTF-8 解码" in err.getvalue()
    assert "第 4 行" not in err.getvalue()
