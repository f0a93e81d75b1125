import pytest
from django.db import IntegrityError, transaction

from wenming.orgs.choices import TargetKind, UnitKind
from wenming.orgs.models import FollowerTarget, Unit
from wenming.testing.factories import UnitFactory


def test_paths_follow_the_tree(personas):
    p = personas
    assert p.town.path == f"{p.county.path}{p.town.pk}/"
    assert set(p.county.descendants(include_self=False)) == {p.town, p.town2, p.dept}
    assert list(p.town.ancestors()) == [p.province, p.city, p.county]
    assert p.town.is_within(p.city)
    assert not p.town.is_within(p.other_city)


def test_moving_a_unit_rewrites_its_subtree(personas):
    p = personas
    village = UnitFactory(name="某社区", kind=UnitKind.VILLAGE, parent=p.town)
    p.town.parent = p.other_city
    p.town.save()
    village.refresh_from_db()
    assert village.path == f"{p.other_city.path}{p.town.pk}/{village.pk}/"
    assert village.is_within(p.other_city)
    assert not village.is_within(p.county)


def test_names_are_unique_within_a_parent(personas):
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(name="溧城镇", kind=UnitKind.TOWN, parent=personas.county)
    # the same name elsewhere is fine
    Unit.objects.create(name="溧城镇", kind=UnitKind.TOWN, parent=personas.other_city)


def test_target_fields_must_match_kind(personas):
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowerTarget.objects.create(unit=personas.town, year=2017, kind=TargetKind.NUMBER, number=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowerTarget.objects.create(unit=personas.town, year=2017, kind=TargetKind.FORMULA, min_people=50)


def test_one_target_per_unit_and_year(personas):
    FollowerTarget.objects.create(unit=personas.town, year=2017, number=6000)
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowerTarget.objects.create(unit=personas.town, year=2017, number=10)
