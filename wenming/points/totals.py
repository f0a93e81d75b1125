"""The cached month totals (``Total``): rebuilt from the ledger, never adjusted by hand.

``refresh`` runs in the same transaction as the entry change, for a whole month (set-based
INSERT … SELECT) or for the few subjects one event touched.
"""

from django.db import connection

from .choices import EntryKind
from .models import Entry, Total

EARNED_KINDS = (EntryKind.RULE, EntryKind.ADJUSTMENT)


def refresh(scheme_id: int, period, *, person_ids=None, unit_ids=None, source: str | None = None) -> None:
    """Rebuild the totals of a month (all subjects when no ids are given).

    ``source``: the table holding the month's entries when not the ledger itself (a whole month
    being built on PostgreSQL, ``ledger.MonthBuild``).
    """
    whole = person_ids is None and unit_ids is None
    qs = Total.objects.filter(scheme_id=scheme_id, period=period)
    if not whole:
        from django.db.models import Q

        qs = qs.filter(Q(person_id__in=list(person_ids or [])) | Q(unit_id__in=list(unit_ids or [])))
    qs.delete()
    from django.contrib.auth import get_user_model

    total_t, entry_t, user_t = Total._meta.db_table, source or Entry._meta.db_table, get_user_model()._meta.db_table
    if whole:
        # The whole month in one pass over its entries (each has one subject, so grouping by both
        # columns gives one row per person and per unit).
        sql = (
            f"INSERT INTO {total_t} (scheme_id, period, person_id, unit_id, group_id, points) "  # noqa: S608
            "SELECT s.scheme_id, s.period, s.person_id, s.unit_id, CASE WHEN s.person_id IS NOT NULL THEN "
            f"(SELECT u.group_id FROM {user_t} u WHERE u.id = s.person_id) END, s.points FROM ("
            f"SELECT scheme_id, period, person_id, unit_id, ROUND(SUM(amount), 4) AS points FROM {entry_t} "
            "WHERE scheme_id = %s AND period = %s AND kind IN (%s, %s) GROUP BY scheme_id, period, person_id, unit_id) s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, _adapt([scheme_id, period, *EARNED_KINDS]))
        return
    for column, ids in (("person_id", person_ids), ("unit_id", unit_ids)):
        if not ids:
            continue
        ids = list(ids)
        subset = f" AND {column} IN ({', '.join(['%s'] * len(ids))})"
        params = [scheme_id, period, *EARNED_KINDS, *ids]
        other = "unit_id" if column == "person_id" else "person_id"
        # A person's total carries the person's group now (kept equal afterwards by a trigger).
        group = f"(SELECT u.group_id FROM {user_t} u WHERE u.id = s.person_id)" if column == "person_id" else "NULL"  # noqa: S608
        # ROUND to the ledger's scale: SQLite sums decimals as binary floats, and an unrounded
        # 1.85 (1.8500000000000003) would rank above an equal 1.85 instead of sharing its rank.
        sql = (
            f"INSERT INTO {total_t} (scheme_id, period, {column}, {other}, group_id, points) "  # noqa: S608 (our own table names)
            f"SELECT s.scheme_id, s.period, s.{column}, NULL, {group}, s.points FROM ("
            f"SELECT scheme_id, period, {column}, ROUND(SUM(amount), 4) AS points FROM {entry_t} "
            f"WHERE scheme_id = %s AND period = %s AND kind IN (%s, %s) AND {column} IS NOT NULL{subset} "
            f"GROUP BY scheme_id, period, {column}) s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, _adapt(params))


def _adapt(params):
    ops = connection.ops
    return [ops.adapt_datefield_value(p) if hasattr(p, "isoformat") else p for p in params]
