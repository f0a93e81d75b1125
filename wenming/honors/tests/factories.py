"""Factories for the selection models; candidates are made directly, stages go through actions."""

from datetime import timedelta

import factory
from django.utils import timezone

from wenming.honors.choices import CampaignKind, NominationStatus
from wenming.honors.models import Campaign, Expert, Nomination
from wenming.people.models import User
from wenming.testing.factories import UnitFactory, UserFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"好人榜{n}")
    kind = CampaignKind.GOOD_PERSON_MONTHLY
    region = factory.SubFactory(UnitFactory)
    start_level = "town"
    top_level = "county"


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    campaign = factory.SubFactory(CampaignFactory)
    category = "助人为乐"
    nominee_name = factory.Sequence(lambda n: f"候选人{n}")
    region = factory.LazyAttribute(lambda o: o.campaign.region)
    story = "多年照顾孤寡老人。"
    nominator = factory.SubFactory(UserFactory)
    level = factory.LazyAttribute(lambda o: o.campaign.top_level)
    status = NominationStatus.CANDIDATE
    created_at = factory.LazyFunction(timezone.now)


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert

    name = factory.Sequence(lambda n: f"专家{n}")
    unit = factory.SubFactory(UnitFactory)
    field = "道德建设"


def verified_user(**kwargs) -> User:
    """A citizen who confirmed a phone number (may vote)."""
    return UserFactory(phone="13900000000", phone_verified_at=timezone.now() - timedelta(days=30), **kwargs)
