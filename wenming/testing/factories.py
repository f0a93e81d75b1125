"""factory_boy factories for the foundation models; apps add their own beside their tests."""

from datetime import datetime

import factory
from django.contrib.auth.hashers import make_password

from wenming.core.periods import SHANGHAI
from wenming.orgs.choices import TargetKind, UnitKind
from wenming.orgs.models import FollowerTarget, Unit, WorkGroup
from wenming.people.models import User

# Hashing is slow by design; tests share one precomputed hash.
TEST_PASSWORD = "wenming-test-pass-1"  # noqa: S105 (test-only credential)
_HASH = make_password(TEST_PASSWORD)


def shanghai(*args) -> datetime:
    """An aware Shanghai time: shanghai(2017, 4, 1, 7, 30)."""
    return datetime(*args, tzinfo=SHANGHAI)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = UnitKind.DEPARTMENT
    parent = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"用户{n}")
    password = _HASH


class FollowerTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowerTarget

    unit = factory.SubFactory(UnitFactory)
    year = 2017
    kind = TargetKind.NUMBER
    number = 100


class WorkGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkGroup

    name = factory.Sequence(lambda n: f"工作群{n}")
