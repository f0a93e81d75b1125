"""The operator interface: import lines end to end through ``wenming import-events`` and ``wenming hours``."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from wenming.journal.models import DomainEvent
from wenming.volunteering.models import Attendance, DayApproval, HoursEntry, Volunteer

from .factories import resident_id

pytestmark = pytest.mark.django_db


def write(tmp_path, lines, name="in.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    return path


def imp(path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import-events", str(path), "--no-progress", stdout=out, stderr=err)
    return out.getvalue()


def hours(year, fmt="csv"):
    out = io.StringIO()
    call_command("hours", "--year", str(year), "--format", fmt, stdout=out)
    return out.getvalue()


BASE = [
    {"id": "v1", "type": "volunteer", "volunteer": "P1", "name": "张三", "id_number": resident_id(1), "phone": "13900000001",
     "team": "溧城镇志愿服务队"},
    {"id": "v2", "type": "volunteer", "volunteer": "P2", "name": "李四"},
    # A day that runs past 12 h for P1: 06:00-20:00 Shanghai (14 h), and another of 1 h 0 min 59 s.
    {"id": "s1", "type": "service_session", "session": "S1", "project": "文明交通劝导", "team": "溧城镇志愿服务队",
     "start": "2024-03-02T06:00:00+08:00", "end": "2024-03-02T20:00:00+08:00", "field": "公共服务"},
    {"id": "s2", "type": "service_session", "session": "S2", "project": "图书馆服务",
     "start": "2024-03-01T23:00:00Z", "end": "2024-03-02T03:00:00Z"},
    {"id": "a1", "type": "attendance", "volunteer": "P1", "session": "S1", "check_in": "2024-03-01T21:50:00Z",
     "check_out": "2024-03-02T12:30:00Z"},
    # Given in UTC: 23:30 UTC on 1 March is 07:30 on 2 March in Shanghai, the same day as S1.
    {"id": "a2", "type": "attendance", "volunteer": "P2", "session": "S2", "check_in": "2024-03-01T23:30:10Z",
     "check_out": "2024-03-02T00:31:09Z"},
    {"id": "a3", "type": "attendance", "volunteer": "P2", "session": "S1", "check_in": "2024-03-02T09:00:00+08:00"},
]


def rows(text):
    return list(csv.reader(io.StringIO(text)))


def test_a_file_is_imported_and_reported(tmp_path):
    imp(write(tmp_path, BASE))
    assert rows(hours(2024)) == [
        ["volunteer", "hours", "pending", "stars"],
        ["P1", "8.00", "4.00", "0"],
        ["P2", "1.00", "0.00", "0"],
    ]
    assert Volunteer.objects.get(user__external_id="P1").id_masked == "320481********" + resident_id(1)[-4:]
    assert DomainEvent.objects.filter(key__startswith="import:").count() == len(BASE)


def test_an_approval_counts_the_pending_hours_of_that_day(tmp_path):
    imp(write(tmp_path, BASE))
    imp(write(tmp_path, [{"id": "ap1", "type": "hours_approval", "volunteer": "P1", "date": "2024-03-02"}], "b.jsonl"))
    assert rows(hours(2024))[1] == ["P1", "12.00", "0.00", "0"]
    assert DayApproval.objects.get().hours == 4


def test_an_approval_in_the_same_file_sees_every_record_of_the_file(tmp_path):
    lines = [{"id": "ap1", "type": "hours_approval", "volunteer": "P1", "date": "2024-03-02"}, *BASE]
    lines = [lines[1], lines[2], lines[3], lines[4], lines[0], lines[5], lines[6], lines[7]]
    imp(write(tmp_path, lines))
    assert rows(hours(2024))[1] == ["P1", "12.00", "0.00", "0"]


def test_reimporting_the_same_file_changes_nothing(tmp_path):
    path = write(tmp_path, BASE)
    imp(path)
    before = (HoursEntry.objects.count(), Attendance.objects.count(), hours(2024))
    out = imp(path)
    assert "跳过 7" in out
    assert (HoursEntry.objects.count(), Attendance.objects.count(), hours(2024)) == before


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"id": "x", "type": "volunteer", "volunteer": "P9", "name": "王五", "id_number": resident_id(1)[:-1] + "0"},
         "校验位"),
        ({"id": "x", "type": "volunteer", "volunteer": "P9", "name": "王五", "id_number": resident_id(1)}, "证件号码重复"),
        ({"id": "x", "type": "attendance", "volunteer": "NOPE", "session": "S1", "check_in": "2024-03-02T09:00:00+08:00"},
         "志愿者不存在"),
        ({"id": "x", "type": "attendance", "volunteer": "P1", "session": "S404", "check_in": "2024-03-02T09:00:00+08:00"},
         "场次不存在"),
        ({"id": "x", "type": "attendance", "volunteer": "P1", "session": "S2", "check_in": "2024-03-02T09:00:00+08:00",
          "check_out": "2024-03-02T08:00:00+08:00"}, "签退时间早于签到时间"),
        ({"id": "x", "type": "attendance", "volunteer": "P1", "session": "S1", "check_in": "2024-03-02T09:00:00+08:00"},
         "已有考勤记录"),
        ({"id": "x", "type": "service_session", "session": "S3", "project": "p", "start": "2024-03-02T09:00:00",
          "end": "2024-03-02T10:00:00+08:00"}, "带时区"),
        ({"id": "x", "type": "service_session", "session": "S1", "project": "p", "start": "2024-03-02T09:00:00+08:00",
          "end": "2024-03-02T10:00:00+08:00"}, "场次已存在"),
        ({"id": "x", "type": "service_session", "session": "S3", "project": "p", "start": "2024-03-02T10:00:00+08:00",
          "end": "2024-03-02T10:00:00+08:00"}, "结束时间须晚于开始时间"),
        ({"id": "x", "type": "hours_approval", "volunteer": "P1", "date": "2024-3-2"}, "YYYY-MM-DD"),
    ],
)
def test_a_bad_line_is_reported_by_number_and_nothing_is_imported(tmp_path, line, message):
    with pytest.raises(CommandError):
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("import-events", str(write(tmp_path, [*BASE, line])), "--no-progress", stdout=out, stderr=err)
        finally:
            assert f"第 {len(BASE) + 1} 行" in err.getvalue() and message in err.getvalue(), err.getvalue()
    assert not Volunteer.objects.exists() and not Attendance.objects.exists() and not DomainEvent.objects.exists()


def test_a_duplicate_id_number_against_the_database_is_refused(tmp_path):
    imp(write(tmp_path, BASE[:1]))
    with pytest.raises(CommandError):
        imp(write(tmp_path, [{"id": "v9", "type": "volunteer", "volunteer": "P9", "name": "王五",
                              "id_number": resident_id(1)}], "b.jsonl"))
    assert Volunteer.objects.count() == 1


def test_json_and_table_formats(tmp_path):
    imp(write(tmp_path, BASE))
    data = json.loads(hours(2024, "json"))
    assert data[0] == {"volunteer": "P1", "hours": "8.00", "pending": "4.00", "stars": 0}
    table = hours(2024, "table")
    assert "P1" in table and "8.00" in table
    assert rows(hours(2023)) == [["volunteer", "hours", "pending", "stars"]]


def test_stars_count_all_hours_up_to_the_end_of_the_year(tmp_path, settings):
    settings.WENMING_VOLUNTEERING = {"stars": [5, 9, 600, 1000, 1500]}
    lines = [
        BASE[0],
        {"id": "s1", "type": "service_session", "session": "A", "project": "p", "start": "2023-06-01T08:00:00+08:00",
         "end": "2023-06-01T14:00:00+08:00"},
        {"id": "s2", "type": "service_session", "session": "B", "project": "p", "start": "2024-06-01T08:00:00+08:00",
         "end": "2024-06-01T12:00:00+08:00"},
        {"id": "a1", "type": "attendance", "volunteer": "P1", "session": "A", "check_in": "2023-06-01T08:00:00+08:00",
         "check_out": "2023-06-01T14:00:00+08:00"},
        {"id": "a2", "type": "attendance", "volunteer": "P1", "session": "B", "check_in": "2024-06-01T08:00:00+08:00",
         "check_out": "2024-06-01T12:00:00+08:00"},
    ]
    imp(write(tmp_path, lines))
    assert rows(hours(2023))[1] == ["P1", "6.00", "0.00", "1"]
    assert rows(hours(2024))[1] == ["P1", "4.00", "0.00", "2"]
