"""Regression: the files the probe fed ``wenming import-events``, each answered by a line-numbered
Chinese error and no change to the database (they crashed with tracebacks, some only in the write
pass where PostgreSQL's column limits bite). Run on PostgreSQL too."""

import io
import json
import os
import threading
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from wenming.core.periods import Month
from wenming.journal.models import DomainEvent
from wenming.orgs.models import Unit
from wenming.people.models import GroupChoice, User
from wenming.points import queries
from wenming.points.models import Entry

pytestmark = pytest.mark.django_db

MARCH = Month(2017, 3)
GOOD = [
    {"id": "j1", "type": "join_group", "at": "2017-03-01T08:00:00+08:00", "person": "p1", "unit": "溧城镇"},
    {"id": "l1", "type": "like", "at": "2017-03-02T08:00:00+08:00", "person": "p1", "target": "story:1"},
    {"id": "a1", "type": "article_published", "at": "2017-03-06T07:00:00+08:00", "article": "A1", "unit": "溧城镇",
     "position": 1},
]


def _line(obj) -> str:
    return obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False)


def _bytes(lines, encoding="utf-8") -> bytes:
    return ("\n".join(_line(obj) for obj in lines) + "\n").encode(encoding)


def _counts():
    return (DomainEvent.objects.count(), User.objects.count(), Entry.objects.count(), Unit.objects.count(),
            GroupChoice.objects.count())


class Run:
    def __init__(self, *args, stdin=None):
        self.out, self.err = io.StringIO(), io.StringIO()
        self.error = None
        extra = {"stdin": stdin} if stdin is not None else {}
        try:
            call_command("import-events", *[str(a) for a in args], "--no-progress", stdout=self.out, stderr=self.err, **extra)
        except CommandError as exc:
            self.error = str(exc)

    @property
    def stderr(self) -> str:
        return self.err.getvalue()


def refused(tmp_path, data: bytes, line_no: int, *needles: str, args=()) -> Run:
    """Import ``data``; assert it is refused at ``line_no`` with every needle, and nothing changed."""
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(data)
    before = _counts()
    run = Run(path, *args)
    assert run.error is not None, run.out.getvalue()
    assert "未导入任何事件" in run.error
    assert f"第 {line_no} 行：" in run.stderr, run.stderr
    for needle in needles:
        assert needle in run.stderr, run.stderr
    assert _counts() == before
    return run


def test_a_gbk_file_is_read_as_gbk_and_its_bad_line_numbered(liyang, tmp_path):
    lines = [*GOOD, {"id": "x", "type": "join_group", "at": "2017-03-01T08:00:00+08:00", "person": "p2", "unit": "火星镇"}]
    refused(tmp_path, _bytes(lines, "gbk"), 4, "单位不存在：火星镇")
    path = tmp_path / "gbk.jsonl"
    path.write_bytes(_bytes(GOOD, "gbk"))
    assert Run(path).error is None
    town = Unit.objects.get(name="溧城镇", parent__name="溧阳市")
    assert queries.unit_totals(liyang, MARCH)[town.pk] == Decimal("10.05")


def test_a_named_encoding_wins_and_an_undecodable_line_is_numbered(liyang, tmp_path):
    data = _bytes(GOOD) + "{\"id\": \"g\", \"type\": \"like\", \"person\": \"张三\"}\n".encode("gbk")
    refused(tmp_path, data, 4, "无法按 UTF-8 解码", args=("--encoding", "utf-8"))
    path = tmp_path / "f.jsonl"
    path.write_bytes(_bytes(GOOD))
    before = _counts()
    assert "未知的编码" in Run(path, "--encoding", "no-such-codec").error
    assert "不支持" in Run(path, "--encoding", "utf-16").error
    assert _counts() == before


def test_over_long_unit_names_are_refused_by_the_column_length(liyang, tmp_path):
    long_name = "溧" * 101  # orgs.Unit.name holds 100
    line = {"id": "u", "type": "join_group", "at": "2017-03-01T08:00:00+08:00", "person": "p9", "unit": long_name}
    refused(tmp_path, _bytes([*GOOD, line]), 4, "unit 超过 100 个字符")


def test_over_long_ids_are_refused(liyang, tmp_path):
    lines = [
        *GOOD,
        {"id": "i" * 300, "type": "like", "at": "2017-03-02T08:00:00+08:00", "person": "p1"},
        {"id": "p", "type": "like", "at": "2017-03-02T08:00:00+08:00", "person": "p" * 65},
        {"id": "a", "type": "article_published", "at": "2017-03-06T07:00:00+08:00", "article": "A" * 201,
         "unit": "溧城镇", "position": 1},
    ]
    run = refused(tmp_path, _bytes(lines), 4, "id 超过 193 个字符")
    assert "第 5 行：person 超过 64 个字符" in run.stderr
    assert "第 6 行：article 超过 200 个字符" in run.stderr


def test_integers_beyond_the_columns_are_refused(liyang, tmp_path):
    lines = [
        *GOOD,
        # media.Article.position is a small integer column (32767 on PostgreSQL).
        {"id": "a2", "type": "article_published", "at": "2017-03-06T07:00:00+08:00", "article": "A2", "unit": "溧城镇",
         "position": 40000},
        {"id": "s2", "type": "article_stats", "at": "2017-03-07T07:00:00+08:00", "article": "A1", "reads_72h": 2**31,
         "likes": 1},
        {"id": 10**30, "type": "like", "at": "2017-03-02T08:00:00+08:00", "person": "p1"},
        {"id": "s3", "type": "article_stats", "at": "2017-03-07T07:00:00+08:00", "article": "A1", "reads_72h": -1,
         "likes": 1},
    ]
    run = refused(tmp_path, _bytes(lines), 4, "position 超出范围")
    assert "第 5 行：reads_72h 超出范围" in run.stderr
    assert "第 6 行：" in run.stderr and "超出整数范围" in run.stderr
    assert "第 7 行：reads_72h 超出范围" in run.stderr


def test_nul_characters_are_refused(liyang, tmp_path):
    escaped = '{"id": "n1", "type": "like", "at": "2017-03-02T08:00:00+08:00", "person": "p\\u0000"}'
    raw = '{"id": "n2", "type": "like", "at": "2017-03-02T08:00:00+08:00", "person": "p\x00"}'
    run = refused(tmp_path, _bytes([*GOOD, escaped, raw]), 4, "NUL")
    assert "第 5 行：不是有效的 JSON" in run.stderr
    assert "\x00" not in run.stderr


def test_lone_surrogates_are_refused(liyang, tmp_path):
    value = '{"id": "s1", "type": "join_group", "at": "2017-03-01T08:00:00+08:00", "person": "p1", "unit": "\\ud800"}'
    key = '{"id": "s2", "type": "like", "at": "2017-03-02T08:00:00+08:00", "person": "p1", "\\udfff": 1}'
    run = refused(tmp_path, _bytes([*GOOD, value, key]), 4, "代理字符")
    assert "第 5 行：字段名 \\udfff" in run.stderr


def test_deep_nesting_is_refused(liyang, tmp_path):
    nested = {"id": "d1", "type": "like", "at": "2017-03-02T08:00:00+08:00", "person": "p1", "extra": [[[[["x"]]]]]}
    very_deep = '{"id": "d2", "type": "like", "person": "p1", "at": "2017-03-02T08:00:00+08:00", "x": ' + "[" * 100000 + "]" * 100000 + "}"
    run = refused(tmp_path, _bytes([*GOOD, nested, very_deep]), 4, "嵌套层数超过 4 层")
    assert "第 5 行：" in run.stderr and ("嵌套过深" in run.stderr or "超过 65536 个字符" in run.stderr)
    too_deep = '{"a": ' + "[" * 20000 + "]" * 20000 + "}"
    refused(tmp_path, _bytes([*GOOD, too_deep]), 4, "嵌套过深")


def test_a_list_where_a_string_belongs_is_refused(liyang, tmp_path):
    lines = [
        *GOOD,
        {"id": "t1", "type": "join_group", "at": "2017-03-01T08:00:00+08:00", "person": "p1", "unit": ["溧城镇"]},
        {"id": "t2", "type": "like", "at": "2017-03-02T08:00:00+08:00", "person": {"id": "p1"}},
        {"id": "t3", "type": ["like"], "at": "2017-03-02T08:00:00+08:00", "person": "p1"},
        {"id": "t4", "type": "article_published", "at": "2017-03-06T07:00:00+08:00", "article": "A4", "unit": "溧城镇",
         "position": "1"},
        {"id": "t5", "type": "report", "unit": "溧城镇", "item": [4], "at": "2017-03-06T07:00:00+08:00"},
    ]
    run = refused(tmp_path, _bytes(lines), 4, "unit 须为文字")
    assert "第 5 行：person 须为文字或整数编号" in run.stderr
    assert "第 6 行：未知的事件类型" in run.stderr
    assert "第 7 行：position 须为整数" in run.stderr
    assert "第 8 行：item 须为文字或整数编号" in run.stderr


@pytest.mark.parametrize("at", ["0001-01-01T00:00:00+08:00", "0001-01-01T00:00:00+14:00", "1999-12-31T23:59:59+08:00"])
def test_years_before_2000_are_refused(liyang, tmp_path, at):
    line = {"id": "y", "type": "like", "at": at, "person": "p1"}
    refused(tmp_path, _bytes([*GOOD, line]), 4, "at 早于 2000-01-01")


@pytest.mark.parametrize("at", ["9999-12-31T23:59:59-12:00", "9999-12-31T23:59:59+08:00"])
def test_year_9999_is_refused(liyang, tmp_path, at):
    line = {"id": "y", "type": "like", "at": at, "person": "p1"}
    refused(tmp_path, _bytes([*GOOD, line]), 4, "at 在将来")


def test_a_like_dated_2099_is_refused_but_tomorrow_is_allowed(liyang, tmp_path):
    from datetime import timedelta

    from django.utils import timezone

    from wenming.core.periods import to_local

    line = {"id": "f", "type": "like", "at": "2099-01-01T08:00:00+08:00", "person": "p1"}
    refused(tmp_path, _bytes([*GOOD, line]), 4, "at 在将来")
    tomorrow = to_local(timezone.now()).replace(hour=23, minute=59, second=0, microsecond=0) + timedelta(days=1)
    after = tomorrow + timedelta(minutes=1)
    path = tmp_path / "near.jsonl"
    path.write_bytes(_bytes([{"id": "late", "type": "like", "at": after.isoformat(), "person": "p1"}]))
    assert f"at 在将来（最晚 {tomorrow.date()}）" in Run(path).stderr
    path.write_bytes(_bytes([{"id": "soon", "type": "like", "at": tomorrow.isoformat(), "person": "p1"}]))
    assert Run(path).error is None


def test_counts_of_1e20_and_30_digit_integers_are_refused(liyang, tmp_path):
    lines = [
        *GOOD,
        '{"id": "c1", "type": "article_stats", "at": "2017-03-07T07:00:00+08:00", "article": "A1", "reads_72h": 1e20, "likes": 1}',
        {"id": "c2", "type": "livestream_stats", "at": "2017-03-07T07:00:00+08:00", "livestream": "L", "clicks_72h": 10**29},
        '{"id": "c3", "type": "repost", "at": "2017-03-07T07:00:00+08:00", "repost": "R", "unit": "溧城镇", "level": "local", "reads_72h": 1e400}',
    ]
    run = refused(tmp_path, _bytes(lines), 4, "reads_72h 须为整数")
    assert "第 5 行：" in run.stderr and "超出整数范围" in run.stderr
    assert "第 6 行：" in run.stderr and "不是有限的数" in run.stderr


def test_a_utf8_bom_is_read_and_only_the_bad_line_reported(liyang, tmp_path):
    bad = {"id": "b", "type": "like", "at": "2017-03-02T08:00:00+08:00"}
    run = refused(tmp_path, b"\xef\xbb\xbf" + _bytes([*GOOD, bad]), 4, "缺少字段：person")
    assert "第 1 行" not in run.stderr
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + _bytes(GOOD))
    run = Run(path)
    assert run.error is None and "导入 3 个事件" in run.out.getvalue()


def test_standard_input_is_read_with_a_dash(liyang, tmp_path):
    bad = {"id": "b", "type": "like", "at": "2099-01-01T08:00:00+08:00", "person": "p1"}
    before = _counts()
    run = Run("-", stdin=io.TextIOWrapper(io.BytesIO(_bytes([*GOOD, bad]))))
    assert "第 4 行：at 在将来" in run.stderr and _counts() == before
    run = Run("-", stdin=io.TextIOWrapper(io.BytesIO(_bytes(GOOD, "gb18030"))))
    assert run.error is None and "导入 3 个事件" in run.out.getvalue()
    # A re-import from standard input is a no-op.
    run = Run("-", stdin=io.StringIO("\n".join(_line(o) for o in GOOD)))
    assert "导入 0 个事件，跳过 3 个" in run.out.getvalue()


def test_a_pipe_such_as_dev_stdin_is_read(liyang, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(_bytes(GOOD)))
    writer.start()
    run = Run(fifo)
    writer.join(10)
    assert run.error is None and "导入 3 个事件" in run.out.getvalue()


def test_over_long_names_a_line_would_create_are_refused(liyang, tmp_path):
    # enroll creates the unit it names, report stores its title: both failed only in the write pass.
    lines = [
        *GOOD,
        {"id": "e1", "type": "enroll", "unit": "局" * 101, "scheme": "luoyang-2014"},
        {"id": "e2", "type": "enroll", "unit": "市教育局", "scheme": "luoyang-2014"},
        {"id": "r1", "type": "report", "unit": "市教育局", "item": 4, "at": "2014-05-01T09:00:00+08:00",
         "title": "标" * 201, "author": "作" * 51},
    ]
    run = refused(tmp_path, _bytes(lines), 4, "unit 超过 100 个字符")
    assert "第 6 行：title 超过 200 个字符" in run.stderr and "author 超过 50 个字符" in run.stderr
    assert "第 5 行：" not in run.stderr
