"""Demo rows for the points pages: the redemption catalogue.

The points themselves come from the other apps' demo activity (articles, stories, comments,
likes), scored by the engine like any event; nothing here writes the ledger.
"""

from .models import CatalogueItem

CATALOGUE = [
    ("环保购物袋", "文明实践站定制环保袋", "2.00", 100, 1),
    ("公益电影票", "周末公益电影一张", "5.00", 30, 2),
    ("志愿者马甲", "掌上道德讲堂志愿者马甲", "10.00", 10, 1),
    ("道德讲堂纪念徽章", "溧阳掌上道德讲堂定制徽章", "20.00", 50, 1),
]


def load_demo(ctx) -> None:
    for name, description, cost, stock, limit in CATALOGUE:
        CatalogueItem.objects.get_or_create(
            name=name, defaults={"description": description, "cost": cost, "stock": stock, "per_person_limit": limit}
        )
