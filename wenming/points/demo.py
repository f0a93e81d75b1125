"""Demo rows for the points pages: a catalogue and some unit points in March 2017."""

from datetime import datetime

from wenming.core.periods import SHANGHAI
from wenming.journal.actions import record_event
from wenming.orgs.models import Unit

from .models import CatalogueItem

CATALOGUE = [
    ("环保购物袋", "文明实践站定制环保袋", "2.00", 100, 1),
    ("公益电影票", "周末公益电影一张", "5.00", 30, 2),
    ("志愿者马甲", "掌上道德讲堂志愿者马甲", "10.00", 10, 1),
]

# (key, type, when, unit name, data)
FACTS = [
    ("demo:article:1", "article_published", "2017-03-06T07:30", "溧城镇", {"article": "demo-1", "position": 1}),
    ("demo:article:1:stats", "article_stats", "2017-03-09T07:30", None, {"article": "demo-1", "reads_72h": 12000, "likes": 120}),
    ("demo:article:2", "article_published", "2017-03-06T07:30", "教育局", {"article": "demo-2", "position": 2}),
    ("demo:repost:1", "repost", "2017-03-10T10:00", "天目湖镇",
     {"repost": "demo-r1", "level": "national", "prefecture_channel": True, "reads_72h": 2600}),
]


def load_demo(ctx) -> None:
    for name, description, cost, stock, limit in CATALOGUE:
        CatalogueItem.objects.get_or_create(
            name=name, defaults={"description": description, "cost": cost, "stock": stock, "per_person_limit": limit}
        )
    for key, type_, when, unit_name, data in FACTS:
        unit = Unit.objects.filter(name=unit_name, parent=ctx.region).first() if unit_name else None
        at = datetime.fromisoformat(when).replace(tzinfo=SHANGHAI)
        record_event(key=key, type=type_, at=at, unit=unit, data=data, source="system")
