"""PostgreSQL: the ledger's references (person, unit, actor, order) checked once per statement.

A foreign key checks every inserted row on its own (one trigger call, one index probe and one row
lock per entry): for a month of 1.6 million entries that was a quarter of an import and of a
recompute. Here the same guarantee comes from triggers:

- after each INSERT/COPY statement on the ledger, the referenced rows are locked ``FOR KEY SHARE``
  (as a foreign key locks them, so a concurrent delete waits for this transaction) and every new
  entry's references are checked set-wise; a missing one raises ``foreign_key_violation``;
- deleting (or renumbering) a person, unit or order still referenced by an entry raises the same
  error at commit (deferred, like Django's foreign keys).

The checks rely on READ COMMITTED (Django's default), as the locks make the two sides wait for
each other. SQLite keeps its ordinary foreign keys (checked at commit). Django's model state still
describes these fields as foreign keys: it finds no constraint to drop if a later migration alters
them, and only this migration's reverse puts the constraints back.
"""

from django.conf import settings
from django.db import migrations

REFERENCES = [  # (column, referenced model)
    ("person_id", "people.User"),
    ("actor_id", "people.User"),
    ("unit_id", "orgs.Unit"),
    ("order_id", "points.Order"),
]


def _tables(apps):
    entry = apps.get_model("points", "Entry")._meta.db_table
    refs = [(column, apps.get_model(*label.split("."))._meta.db_table) for column, label in REFERENCES]
    return entry, refs


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Entry = apps.get_model("points", "Entry")
    entry, refs = _tables(apps)
    with schema_editor.connection.cursor() as cursor:
        for column, _table in refs:
            names = schema_editor._constraint_names(Entry, [column], foreign_key=True)
            for name in names:
                cursor.execute(f'ALTER TABLE "{entry}" DROP CONSTRAINT "{name}"')
    # One pass over the new rows collects the distinct ids each referenced table must hold; each
    # table is then locked and counted once: fewer rows locked than ids sought = a missing row
    # (or one deleted by a transaction that committed meanwhile).
    by_table: dict[str, list[str]] = {}
    for column, table in refs:
        by_table.setdefault(table, []).append(column)
    collect = ", ".join(f"array_agg(DISTINCT {column}) FILTER (WHERE {column} IS NOT NULL)" for column, _table in refs)
    into = ", ".join(f"ids_{column}" for column, _table in refs)
    declare = "\n".join(f"    ids_{column} bigint[];" for column, _table in refs)
    checks = "\n".join(
        f"""    wanted := ARRAY(SELECT DISTINCT unnest({' || '.join(f"COALESCE(ids_{c}, '{{}}')" for c in columns)}));
    IF cardinality(wanted) > 0 THEN
        SELECT count(*) INTO locked FROM (SELECT 1 FROM "{table}" r WHERE r.id = ANY(wanted) FOR KEY SHARE OF r) k;
        IF locked < cardinality(wanted) THEN
            RAISE EXCEPTION '积分明细引用的记录不存在：%% (points_entry references a missing row)', '{table}'
                USING ERRCODE = 'foreign_key_violation';
        END IF;
    END IF;"""
        for table, columns in by_table.items()
    )
    schema_editor.execute(f"""
CREATE FUNCTION points_entry_references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
{declare}
    wanted bigint[];
    locked bigint;
BEGIN
    SELECT {collect} INTO {into} FROM new_entries;
{checks}
    RETURN NULL;
END $$;
CREATE TRIGGER points_entry_references_exist AFTER INSERT ON "{entry}"
    REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION points_entry_references_exist();
""")
    checks = "\n".join(
        f"""    IF TG_TABLE_NAME = '{table}' AND ({' OR '.join(f'EXISTS (SELECT 1 FROM "{entry}" e WHERE e.{c} = OLD.id)' for c in columns)}) THEN
        RAISE EXCEPTION '仍有积分明细引用 %% #%% (points_entry still references it)', TG_TABLE_NAME, OLD.id
            USING ERRCODE = 'foreign_key_violation';
    END IF;"""
        for table, columns in by_table.items()
    )
    schema_editor.execute(f"""
CREATE FUNCTION points_entry_referenced_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
        RETURN NULL;
    END IF;
{checks}
    RETURN NULL;
END $$;
""")
    for table in by_table:
        schema_editor.execute(
            f'CREATE CONSTRAINT TRIGGER points_entry_referenced_kept AFTER DELETE OR UPDATE OF id ON "{table}" '
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION points_entry_referenced_kept()"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Entry = apps.get_model("points", "Entry")
    entry, refs = _tables(apps)
    for table in {table for _column, table in refs}:
        schema_editor.execute(f'DROP TRIGGER IF EXISTS points_entry_referenced_kept ON "{table}"')
    schema_editor.execute(f'DROP TRIGGER IF EXISTS points_entry_references_exist ON "{entry}"')
    schema_editor.execute("DROP FUNCTION IF EXISTS points_entry_references_exist()")
    schema_editor.execute("DROP FUNCTION IF EXISTS points_entry_referenced_kept()")
    for name in ("person", "actor", "unit", "order"):
        field = Entry._meta.get_field(name)
        schema_editor.execute(schema_editor._create_fk_sql(Entry, field, "_fk_%(to_table)s_%(to_column)s"))


class Migration(migrations.Migration):
    dependencies = [
        ("points", "0006_ledger_indexes_led_by_event"),
        ("orgs", "0002_people_links"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
