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
    locks = "\n".join(
        f'    PERFORM 1 FROM "{table}" r WHERE r.id IN (SELECT DISTINCT {column} FROM new_entries) FOR KEY SHARE OF r;'
        for column, table in refs
    )
    missing = "\n        OR ".join(
        f'EXISTS (SELECT 1 FROM new_entries n WHERE n.{column} IS NOT NULL '
        f'AND NOT EXISTS (SELECT 1 FROM "{table}" r WHERE r.id = n.{column}))'
        for column, table in refs
    )
    schema_editor.execute(f"""
CREATE FUNCTION points_entry_references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
{locks}
    IF {missing} THEN
        RAISE EXCEPTION '积分明细引用的人员、单位、操作人或订单不存在 (points_entry references a missing row)'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER points_entry_references_exist AFTER INSERT ON "{entry}"
    REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION points_entry_references_exist();
""")
    by_table: dict[str, list[str]] = {}
    for column, table in refs:
        by_table.setdefault(table, []).append(column)
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
