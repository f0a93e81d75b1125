"""The ledger's references (person, unit, actor, order) hold on both databases.

On PostgreSQL they are checked once per statement by triggers (migration 0007) instead of a
foreign key per row; these tests prove the triggers refuse what the foreign keys refused.
"""

import pytest
from django.db import IntegrityError, connection, transaction

from wenming.core.bulk import insert_rows
from wenming.orgs.models import Unit
from wenming.people.models import User
from wenming.points.choices import EntryKind
from wenming.points.models import Entry
from wenming.testing.factories import UserFactory, shanghai

COLUMNS = [
    "kind",
    "scheme_id",
    "person_id",
    "unit_id",
    "amount",
    "rule",
    "ruleset_id",
    "event_id",
    "item",
    "period",
    "note",
    "reason",
    "created_at",
]


def _row(*, person_id=None, unit_id=None, event_id=1):
    return (
        EntryKind.RULE,
        1,
        person_id,
        unit_id,
        "1.0000",
        "2.like",
        1,
        event_id,
        "",
        shanghai(2017, 3, 1).date(),
        "",
        "",
        shanghai(2017, 3, 2),
    )


def _missing(model) -> int:
    return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000


def _check_now():
    """Run the checks a commit would run (deferred on both databases)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    else:
        connection.check_constraints(table_names=[Entry._meta.db_table])


@pytest.mark.django_db
@pytest.mark.parametrize("subject", ["person", "unit"])
def test_an_entry_for_a_missing_subject_is_refused(subject):
    ids = {"person_id": _missing(User)} if subject == "person" else {"unit_id": _missing(Unit)}
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(Entry._meta.db_table, COLUMNS, [_row(**ids)])
        _check_now()
    assert not Entry.objects.exists()


@pytest.mark.django_db
def test_one_bad_row_among_many_refuses_the_statement():
    person = UserFactory()
    rows = [_row(person_id=person.pk, event_id=n) for n in range(1, 50)] + [
        _row(person_id=_missing(User), event_id=50)
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(Entry._meta.db_table, COLUMNS, rows)
        _check_now()
    assert not Entry.objects.exists()
    assert insert_rows(Entry._meta.db_table, COLUMNS, rows[:-1]) == 49
    _check_now()


@pytest.mark.django_db
def test_a_referenced_person_cannot_be_deleted_behind_the_orm(on_postgres):
    person = UserFactory()
    insert_rows(Entry._meta.db_table, COLUMNS, [_row(person_id=person.pk)])
    with (
        pytest.raises(IntegrityError, match="still references"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"DELETE FROM {User._meta.db_table} WHERE id = %s", [person.pk])
        cursor.execute("SET CONSTRAINTS points_entry_referenced_kept IMMEDIATE")
    assert User.objects.filter(pk=person.pk).exists()
    # Without its entries the person can go.
    with transaction.atomic(), connection.cursor() as cursor:
        Entry.objects.filter(person=person).delete()
        cursor.execute(f"DELETE FROM {User._meta.db_table} WHERE id = %s", [person.pk])
        cursor.execute("SET CONSTRAINTS points_entry_referenced_kept IMMEDIATE")
    assert not User.objects.filter(pk=person.pk).exists()
