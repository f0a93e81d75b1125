"""Fast inserts of many rows: COPY on PostgreSQL, executemany elsewhere.

For imports and recomputes that write hundreds of thousands of rows, where building model
instances would dominate. Callers pass plain tuples in the column order they name.
"""

import functools
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import connection


def insert_rows(
    table: str,
    columns: list[str],
    rows: Iterable[tuple],
    *,
    batch: int = 20000,
    adapted: bool = False,
    reads_database: bool = False,
) -> int:
    """Insert ``rows`` into ``table``; returns the number of rows written (inside the caller's transaction).

    ``adapted=True`` when the caller already passes database values (``db_value``), which saves
    converting every datetime of a million rows one by one. ``reads_database=True`` when producing
    the rows runs queries (PostgreSQL then copies them chunk by chunk).
    """
    qn = connection.ops.quote_name
    cols = ", ".join(qn(c) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not reads_database:
            # One COPY for all rows: the server writes what it has received while Python builds
            # the next rows (chunked, the two took turns and each waited for the other).
            return _copy(cursor, table, cols, rows)
        if connection.vendor == "postgresql":
            # Rows are buffered and copied chunk by chunk: a generator that itself reads from the
            # database (a server-side cursor) must not run while the connection is in COPY mode.
            chunk = []
            for row in rows:
                chunk.append(row)
                if len(chunk) >= batch:
                    count += _copy(cursor, table, cols, chunk)
                    chunk = []
            if chunk:
                count += _copy(cursor, table, cols, chunk)
            return count
        if not adapted:
            adapt = _adapter()
            rows = (tuple(adapt(v) for v in row) for row in rows)
        sql = f"INSERT INTO {qn(table)} ({cols}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608 (names from models)
        chunk: list[tuple] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


@contextmanager
def bulk_writes(cache_mb: int = 64):
    """Settings for writing hundreds of thousands of rows, inside the caller's transaction.

    SQLite: a larger page cache while the ledger's indexes are written (restored afterwards).
    PostgreSQL, for this transaction only (``SET LOCAL``): no JIT compilation (the set-wise
    statements of a month are costed high enough to trigger it and spent more compiling than it
    saved) and ``work_mem`` of ``cache_mb`` (a month's sorts, hashes and trigger row sets stay in
    memory instead of temporary files). The commit stays durable (no ``synchronous_commit = off``):
    a reported success survives a crash.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL jit = off")
            cursor.execute(f"SET LOCAL work_mem = '{int(cache_mb)}MB'")
            yield
            return
        if connection.vendor != "sqlite":
            yield
            return
        cursor.execute("PRAGMA cache_size")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-1024 * int(cache_mb)}")
        try:
            yield
        finally:
            cursor.execute(f"PRAGMA cache_size = {previous}")


def _copy(cursor, table: str, cols: str, rows: Iterable[tuple]) -> int:
    count = 0
    # COPY goes to psycopg's own cursor: wrap its errors as Django's (a constraint violation is an
    # IntegrityError, as for any other write).
    with (
        connection.wrap_database_errors,
        cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({cols}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _sqlite_adapter():
    """Values as Django itself stores them on SQLite (aware datetimes as naive UTC text)."""
    from datetime import UTC, date, datetime
    from decimal import Decimal

    # The same text as ``DatabaseOperations.adapt_datetimefield_value`` (the connection's time
    # zone is UTC with USE_TZ), without its per-call checks: imports adapt a million values.
    def adapt(value):
        if isinstance(value, datetime):
            if value.tzinfo is not None:
                value = value.astimezone(UTC).replace(tzinfo=None)
            return str(value)
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        return value

    return adapt


@functools.cache
def _adapter():
    # The database engine is fixed for the process: look it up once, not per value.
    return None if connection.vendor == "postgresql" else _sqlite_adapter()


def db_value(value):
    """One value as the current database stores it (aware datetimes, dates, decimals)."""
    adapt = _adapter()
    return value if adapt is None else adapt(value)
