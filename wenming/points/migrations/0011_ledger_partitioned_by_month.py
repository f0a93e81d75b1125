"""PostgreSQL: the ledger partitioned by month, so a recompute builds the month aside and swaps it in.

Rewriting a month of 1.65 million entries in place (delete, then insert through five indexes that
also hold every other month and the month's dead rows) cost 14–20 s. A fresh table without
indexes takes the same rows in about 3 s and builds its indexes in about 2 s, sorted. So on
PostgreSQL ``points_entry`` is now a table partitioned by ``period`` (LIST, one partition per month
that has been built, named ``points_entry_pYYYYMM``, plus a DEFAULT partition for months not built
yet); ``engine.recompute`` builds the month in a new table and swaps it for the old partition in the
same transaction (see ``wenming.points.ledger``).

What differs from the model's declaration on PostgreSQL (SQLite keeps the plain table):

- a partitioned table's primary key and unique indexes must contain the partition key: the primary
  key is (id, period) (ids still come from one sequence, ``points_entry_id_seq``), and the two unique
  constraints are (event, ruleset, subject, rule, period) — an entry's period follows from its event,
  so the same (event, ruleset, subject, rule) in two months is not a case scoring can produce;
- the id column takes its default from a sequence owned by the column instead of an identity column
  (partitions created with LIKE take that default too).

The index names stay those of the model, so a later migration that drops or renames one by name
still finds it; a migration that re-creates a unique constraint without ``period`` will fail on
PostgreSQL and must add it (see the model's note).
"""

from django.db import migrations

TABLE = "points_entry"
OLD = "points_entry_unpartitioned"
SEQUENCE = "points_entry_id_seq"

INDEXES = [  # (name, definition on the partitioned table)
    (
        "points_entry_unique_person_event_rule",
        "UNIQUE INDEX {name} ON {table} (event_id, ruleset_id, person_id, rule, period) "
        "WHERE event_id IS NOT NULL AND person_id IS NOT NULL",
    ),
    (
        "points_entry_unique_unit_event_rule",
        "UNIQUE INDEX {name} ON {table} (event_id, ruleset_id, unit_id, rule, period) "
        "WHERE event_id IS NOT NULL AND unit_id IS NOT NULL",
    ),
    ("points_entry_scheme_unit", "INDEX {name} ON {table} (scheme_id, period, unit_id)"),
    ("points_entry_person_period", "INDEX {name} ON {table} (person_id, period) WHERE person_id IS NOT NULL"),
]
PLAIN_INDEXES = [  # the same indexes on the plain table (the model's declaration), for going back
    (
        "points_entry_unique_person_event_rule",
        "UNIQUE INDEX {name} ON {table} (event_id, ruleset_id, person_id, rule) "
        "WHERE event_id IS NOT NULL AND person_id IS NOT NULL",
    ),
    (
        "points_entry_unique_unit_event_rule",
        "UNIQUE INDEX {name} ON {table} (event_id, ruleset_id, unit_id, rule) "
        "WHERE event_id IS NOT NULL AND unit_id IS NOT NULL",
    ),
    ("points_entry_scheme_unit", "INDEX {name} ON {table} (scheme_id, period, unit_id)"),
    ("points_entry_person_period", "INDEX {name} ON {table} (person_id, period) WHERE person_id IS NOT NULL"),
]
TRIGGER = (
    "CREATE TRIGGER points_entry_references_exist AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_entries "
    "FOR EACH STATEMENT EXECUTE FUNCTION points_entry_references_exist()"
)


def _free_names(cursor, table: str) -> None:
    """Rename ``table``'s indexes (and its sequence) out of the way of the new table's."""
    cursor.execute(
        "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s", [table]
    )
    for (name,) in cursor.fetchall():
        cursor.execute(f'ALTER INDEX "{name}" RENAME TO "{name[:50]}_old"')


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {OLD}")
        _free_names(cursor, OLD)
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [OLD])
        (old_sequence,) = cursor.fetchone()
        cursor.execute(f"SELECT last_value, is_called FROM {old_sequence}")
        last_value, is_called = cursor.fetchone()
        cursor.execute(
            f"CREATE TABLE {TABLE} (LIKE {OLD} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE) "
            "PARTITION BY LIST (period)"
        )
        cursor.execute(f"ALTER SEQUENCE {old_sequence} RENAME TO {OLD}_id_seq")
        cursor.execute(f"CREATE SEQUENCE {SEQUENCE} AS bigint OWNED BY {TABLE}.id")
        cursor.execute("SELECT setval(%s, %s, %s)", [SEQUENCE, last_value, is_called])
        cursor.execute(f"ALTER TABLE {TABLE} ALTER id SET DEFAULT nextval('{SEQUENCE}')")
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id, period)")
        for name, definition in INDEXES:
            cursor.execute("CREATE " + definition.format(name=name, table=TABLE))
        cursor.execute(f"CREATE TABLE {TABLE}_default PARTITION OF {TABLE} DEFAULT")
        cursor.execute(f"SELECT DISTINCT period FROM {OLD} ORDER BY period")
        for (period,) in cursor.fetchall():
            cursor.execute(
                f"CREATE TABLE {TABLE}_p{period:%Y%m} PARTITION OF {TABLE} FOR VALUES IN (%s)", [period]
            )
        # The rows were checked when written: copied before the reference trigger is created.
        cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {OLD} ORDER BY period, id")
        cursor.execute(f"DROP TABLE {OLD}")
        cursor.execute(TRIGGER.format(table=TABLE))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {OLD} (LIKE {TABLE} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)"
        )
        cursor.execute(f"INSERT INTO {OLD} SELECT * FROM {TABLE} ORDER BY id")
        cursor.execute(f"ALTER SEQUENCE {SEQUENCE} OWNED BY NONE")
        cursor.execute(f"DROP TABLE {TABLE}")
        cursor.execute(f"ALTER TABLE {OLD} RENAME TO {TABLE}")
        cursor.execute(f"ALTER SEQUENCE {SEQUENCE} OWNED BY {TABLE}.id")
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id)")
        for name, definition in PLAIN_INDEXES:
            cursor.execute("CREATE " + definition.format(name=name, table=TABLE))
        cursor.execute(TRIGGER.format(table=TABLE))


class Migration(migrations.Migration):
    dependencies = [
        ("points", "0010_totals_derived_without_fk_checks"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
