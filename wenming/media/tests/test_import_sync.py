"""``wenming import-events`` mirrors article events into Article rows once, set-wise."""

import json

import pytest
from django.core.management import call_command

from wenming.journal.models import DomainEvent
from wenming.media.models import Article

pytestmark = pytest.mark.django_db


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return str(path)


def _snapshot():
    return list(Article.objects.order_by("external_id").values())


def test_import_creates_articles_with_latest_stats_and_reimport_changes_nothing(personas, tmp_path):
    town, dept = personas.town.name, personas.dept.name
    rows = [
        {"id": "a1", "type": "article_published", "at": "2017-03-06T07:30:00+08:00", "article": "wx-1", "unit": town,
         "position": 1, "title": "<b>好人</b>", "url": "https://mp.example/1"},
        {"id": "a2", "type": "article_published", "at": "2017-03-07T07:30:00+08:00", "article": "wx-2", "unit": dept, "position": 3},
        {"id": "s1", "type": "article_stats", "at": "2017-03-09T07:30:00+08:00", "article": "wx-1", "reads_72h": 900, "likes": 9},
        # The latest stats by event time win, whatever their order in the file.
        {"id": "s3", "type": "article_stats", "at": "2017-03-10T07:30:00+08:00", "article": "wx-1", "reads_72h": 12000, "likes": 120},
        {"id": "s2", "type": "article_stats", "at": "2017-03-09T09:30:00+08:00", "article": "wx-1", "reads_72h": 5000, "likes": 50},
    ]
    path = _write(tmp_path / "events.jsonl", rows)
    call_command("import-events", path, "--no-progress")
    one = Article.objects.get(external_id="wx-1")
    assert (one.unit, one.position, one.title, one.url) == (personas.town, 1, "<b>好人</b>", "https://mp.example/1")
    assert (one.reads_72h, one.likes) == (12000, 120)
    assert one.stats_event == DomainEvent.objects.get(key="import:s3")
    assert one.published_at.isoformat() == "2017-03-05T23:30:00+00:00"
    two = Article.objects.get(external_id="wx-2")
    assert (two.unit, two.position, two.title, two.reads_72h) == (personas.dept, 3, "", None)
    before = _snapshot()
    call_command("import-events", path, "--no-progress")
    assert _snapshot() == before


def test_later_import_adds_new_articles_and_newer_stats_only(personas, tmp_path):
    town = personas.town.name
    first = [{"id": "a1", "type": "article_published", "at": "2017-03-06T07:30:00+08:00", "article": "wx-1", "unit": town, "position": 2}]
    call_command("import-events", _write(tmp_path / "1.jsonl", first), "--no-progress")
    assert Article.objects.get().reads_72h is None
    second = [
        {"id": "s1", "type": "article_stats", "at": "2017-03-09T07:30:00+08:00", "article": "wx-1", "reads_72h": 700, "likes": 3},
        {"id": "a3", "type": "article_published", "at": "2017-03-08T07:30:00+08:00", "article": "wx-3", "unit": town, "position": 1},
    ]
    call_command("import-events", _write(tmp_path / "2.jsonl", second), "--no-progress")
    assert dict(Article.objects.values_list("external_id", "reads_72h")) == {"wx-1": 700, "wx-3": None}


def test_a_bad_file_creates_no_article(personas, tmp_path):
    rows = [
        {"id": "a1", "type": "article_published", "at": "2017-03-06T07:30:00+08:00", "article": "wx-1", "unit": personas.town.name, "position": 1},
        {"id": "a2", "type": "article_published", "at": "2017-03-06T07:30:00+08:00", "article": "wx-2", "unit": "没有这个单位", "position": 1},
    ]
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("import-events", _write(tmp_path / "bad.jsonl", rows), "--no-progress")
    assert not Article.objects.exists()
