"""A single web ``record_event`` creates or updates its article at once."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from wenming.journal.actions import record_event
from wenming.media.actions import sync_articles
from wenming.media.models import Article

pytestmark = pytest.mark.django_db
AT = datetime(2017, 3, 6, 7, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_record_event_creates_then_updates_one_article(personas):
    record_event(key="web:article:w1", type="article_published", at=AT, unit=personas.town,
                 data={"article": "w1", "position": 1, "title": "春风"})
    article = Article.objects.get()
    assert (article.external_id, article.unit, article.title, article.reads_72h) == ("w1", personas.town, "春风", None)
    record_event(key="web:stats:w1:1", type="article_stats", at=AT + timedelta(days=3),
                 data={"article": "w1", "reads_72h": 3000, "likes": 31})
    article.refresh_from_db()
    assert (article.reads_72h, article.likes) == (3000, 31)
    # Older stats arriving late do not overwrite the newer ones.
    record_event(key="web:stats:w1:0", type="article_stats", at=AT + timedelta(days=1),
                 data={"article": "w1", "reads_72h": 10, "likes": 1})
    article.refresh_from_db()
    assert (article.reads_72h, article.likes) == (3000, 31)
    assert Article.objects.count() == 1


def test_stats_before_publication_are_applied_when_it_arrives(personas):
    record_event(key="web:stats:w2", type="article_stats", at=AT + timedelta(days=3),
                 data={"article": "w2", "reads_72h": 80, "likes": 2})
    assert not Article.objects.exists()
    record_event(key="web:article:w2", type="article_published", at=AT, unit=personas.town, data={"article": "w2", "position": 2})
    assert Article.objects.get().reads_72h == 80
    assert sync_articles() == (0, 0)


def test_other_events_do_not_touch_articles(personas):
    record_event(key="web:like:x", type="like", at=AT, person=personas.citizen, data={})
    assert not Article.objects.exists()


def test_events_an_article_cannot_hold_are_still_recorded(personas):
    record_event(key="web:article:bad", type="article_published", at=AT, unit=personas.town, data={"article": "bad", "position": 0})
    record_event(key="web:stats:bad", type="article_stats", at=AT, data={"article": "bad", "reads_72h": "many", "likes": 1})
    assert not Article.objects.exists()
    assert sync_articles() == (0, 0)
