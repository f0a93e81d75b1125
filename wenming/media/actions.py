"""The only write path of articles: mirror the article events into ``Article`` rows, set-wise."""

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Exists, F, IntegerField, OuterRef, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from wenming.journal.models import DomainEvent

from .choices import PUBLISHED, STATS
from .models import Article


def _json_text(column: str, key: str) -> str:
    if connection.vendor == "postgresql":
        return f"({column} ->> '{key}')"
    return f"CAST(json_extract({column}, '$.{key}') AS TEXT)"


def _insert_new(external_ids: list[str] | None) -> int:
    """One INSERT ... SELECT: the first ``article_published`` event of each article not yet present."""
    qn = connection.ops.quote_name
    events, articles = qn(DomainEvent._meta.db_table), qn(Article._meta.db_table)
    ext = _json_text("e.data", "article")
    params: list = [PUBLISHED]
    only = ""
    if external_ids is not None:
        only = f" AND {ext} IN ({', '.join(['%s'] * len(external_ids))})"
        params += external_ids
    sql = f"""
        INSERT INTO {articles} (external_id, unit_id, position, published_at, title, url, hidden)
        SELECT ext, unit_id, position, at, title, url, %s FROM (
            SELECT {ext} AS ext, e.unit_id AS unit_id,
                   CAST({_json_text("e.data", "position")} AS INTEGER) AS position, e.at AS at,
                   SUBSTR(COALESCE({_json_text("e.data", "title")}, ''), 1, 200) AS title,
                   SUBSTR(COALESCE({_json_text("e.data", "url")}, ''), 1, 500) AS url,
                   ROW_NUMBER() OVER (PARTITION BY {ext} ORDER BY e.at, e.id) AS nth
            FROM {events} e
            WHERE e.type = %s AND e.unit_id IS NOT NULL{only}
        ) first_events
        WHERE nth = 1 AND position >= 1 AND NOT EXISTS (SELECT 1 FROM {articles} a WHERE a.external_id = first_events.ext)
        ON CONFLICT (external_id) DO NOTHING
    """  # noqa: S608 (table names from models, values as parameters)
    with connection.cursor() as cursor:
        cursor.execute(sql, [False, *params])
        return max(cursor.rowcount, 0)


def _update_stats(external_ids: list[str] | None) -> int:
    """The latest ``article_stats`` (by event time, then id) onto the articles whose latest changed."""
    latest = (
        DomainEvent.objects.filter(type=STATS)
        .annotate(ext=KT("data__article"))
        .filter(ext=OuterRef("external_id"))
        .order_by("-at", "-id")
    )
    stale = Article.objects.filter(Exists(latest)).annotate(latest_id=Subquery(latest.values("pk")[:1]))
    stale = stale.exclude(stats_event_id=F("latest_id"))
    if external_ids is not None:
        stale = stale.filter(external_id__in=external_ids)
    ids = list(stale.values_list("pk", flat=True))
    if not ids:
        return 0

    def pick(expr, field=None):
        value = latest.annotate(v=expr).values("v")[:1]
        return Subquery(value, output_field=field) if field is not None else Subquery(value)

    return Article.objects.filter(pk__in=ids).update(
        reads_72h=pick(Cast(KT("data__reads_72h"), IntegerField()), IntegerField()),
        likes=pick(Cast(KT("data__likes"), IntegerField()), IntegerField()),
        stats_at=Subquery(latest.values("at")[:1]),
        stats_event_id=Subquery(latest.values("pk")[:1]),
    )


@transaction.atomic
def sync_articles(external_ids: Iterable[str] | None = None) -> tuple[int, int]:
    """Bring ``Article`` rows in step with the article events: (articles created, stats updated).

    Set-wise (a few statements however many events); running it again changes nothing. With
    ``external_ids`` only those articles are looked at (one web event at a time).
    """
    ids = None if external_ids is None else sorted({str(i) for i in external_ids})
    if ids == []:
        return 0, 0
    return _insert_new(ids), _update_stats(ids)
