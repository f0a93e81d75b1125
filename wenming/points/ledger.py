"""PostgreSQL: a month of the ledger built aside and swapped in, in the recompute's transaction.

On PostgreSQL ``points_entry`` is partitioned by month (migration 0011): one partition per month
that has been built, a DEFAULT partition for the others. A recompute of a month:

1. locks the ledger against writes (``SHARE ROW EXCLUSIVE`` on the partitioned table: readers go
   on, other recomputes and every write of entries wait for this one);
2. creates a new table shaped like the ledger, with the reference check of every ledger write
   (the statement trigger of migration 0007) and a CHECK on the month, and copies into it the
   month's entries it keeps (adjustments, redemptions, other schemes' rule entries, ids unchanged);
3. lets the caller write the month's fresh rule entries into it (no index yet);
4. builds the table's indexes — the ledger's own, read from the catalog — sorted, in one pass each;
5. detaches and drops the old partition (or deletes the month from the DEFAULT partition) and
   attaches the new table in its place.

Readers see the old month until the commit, then the new one; from the detach to the commit
(milliseconds) they wait for the lock. Everything stays in the one transaction: a failure leaves the
old month as it was. The work scales with the month, never with the rest of the ledger (the DEFAULT
partition is scanned when a month leaves it; it holds only months never built, see the README).

The swap needs the ledger to itself (``ACCESS EXCLUSIVE``), so a transaction that read entries and
then waits to write them, while the build holds its lock, would deadlock with it and one of the two
would be cancelled. Every path that writes entries after reading them therefore takes its write
lock first (``lock_for_writing``): it then waits for the recompute holding nothing of the ledger.
"""

import re

from django.db import connection

from .models import Entry

PARENT = Entry._meta.db_table
DEFAULT = f"{PARENT}_default"
_INDEX = re.compile(r"^CREATE (UNIQUE )?INDEX \S+ ON (?:ONLY )?\S+ USING (.*)$", re.DOTALL)


def partitioned() -> bool:
    """True when the ledger is a partitioned table (PostgreSQL after migration 0011)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)", [PARENT])
        row = cursor.fetchone()
    return bool(row) and row[0] == "p"


def lock_for_writing() -> None:
    """Take the ledger's write lock before reading entries that this transaction will then replace.

    The lock every INSERT or DELETE takes anyway (``ROW EXCLUSIVE``, on the partitioned table only),
    taken early; it never waits except for a month being rebuilt. Nothing to do on SQLite (one
    writer at a time).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE ONLY {PARENT} IN ROW EXCLUSIVE MODE")


def partition_of(cursor, period) -> str | None:
    """The name of the month's own partition, or None when its entries are in the DEFAULT partition."""
    cursor.execute(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = to_regclass(%s) AND pg_get_expr(c.relpartbound, c.oid) = %s",
        [PARENT, f"FOR VALUES IN ('{period.isoformat()}')"],
    )
    row = cursor.fetchone()
    return row[0] if row else None


class MonthBuild:
    """The new table of one month while it is built (``start``), then swapped in (``finish``)."""

    def __init__(self, scheme_id: int, period):
        self.scheme_id = scheme_id
        self.period = period
        self.name = f"{PARENT}_p{period:%Y%m}"
        self.table = f"{self.name}_build"
        self.old: str | None = None

    def _literal(self) -> str:
        return f"'{self.period.isoformat()}'::date"  # a date's ISO text: nothing to escape

    def start(self) -> None:
        table, month = self.table, self._literal()
        with connection.cursor() as cursor:
            # ONLY: every write goes through the partitioned table (but the build's, into its own table).
            cursor.execute(f"LOCK TABLE ONLY {PARENT} IN SHARE ROW EXCLUSIVE MODE")
            self.old = partition_of(cursor, self.period)
            cursor.execute(
                f"CREATE TABLE {table} (LIKE {PARENT} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)"
            )
            # Lets ATTACH skip scanning the table for rows of another month.
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {table}_month CHECK (period = {month})")
            # Every row written here has its references checked, as on the ledger itself.
            cursor.execute(
                f"CREATE TRIGGER points_entry_references_exist AFTER INSERT ON {table} REFERENCING NEW TABLE AS "
                "new_entries FOR EACH STATEMENT EXECUTE FUNCTION points_entry_references_exist()"
            )
            source = self.old or DEFAULT
            # Kept as they are: everything of the month but this scheme's rule entries.
            cursor.execute(
                f"INSERT INTO {table} SELECT * FROM {source} WHERE period = {month} "  # noqa: S608 (our own names)
                "AND NOT (kind = %s AND scheme_id = %s) ORDER BY id",
                ["rule", self.scheme_id],
            )

    def finish(self) -> None:
        table, month = self.table, self._literal()
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER points_entry_references_exist ON {table}")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            # The ledger's own indexes (an index added to it later is built here too); ATTACH adopts
            # each as the partition of the ledger's index.
            cursor.execute(
                "SELECT pg_get_indexdef(x.indexrelid), x.indisprimary, pg_get_constraintdef(k.oid) FROM pg_index x "
                "LEFT JOIN pg_constraint k ON k.conindid = x.indexrelid AND k.contype = 'p' "
                "WHERE x.indrelid = to_regclass(%s)",
                [PARENT],
            )
            for definition, primary, constraint in cursor.fetchall():
                if primary:
                    cursor.execute(f"ALTER TABLE {table} ADD {constraint}")
                    continue
                unique, rest = _INDEX.match(definition).groups()
                cursor.execute(f"CREATE {unique or ''}INDEX ON {table} USING {rest}")
            cursor.execute(f"ANALYZE {table}")
            if self.old is not None:
                cursor.execute(f"ALTER TABLE {PARENT} DETACH PARTITION {self.old}")
                cursor.execute(f"DROP TABLE {self.old}")
            else:
                cursor.execute(f"DELETE FROM {DEFAULT} WHERE period = {month}")  # noqa: S608
            cursor.execute(f"ALTER TABLE {PARENT} ATTACH PARTITION {table} FOR VALUES IN ({month})")
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {table}_month")
            cursor.execute(f"ALTER TABLE {table} RENAME TO {self.name}")
