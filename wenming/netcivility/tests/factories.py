import factory
from django.utils import timezone

from wenming.netcivility.choices import SurveyLevel, SurveyStatus
from wenming.netcivility.models import FollowSurvey
from wenming.testing.factories import UserFactory


class FollowSurveyFactory(factory.django.DjangoModelFactory):
    """An open survey; pass ``region`` (e.g. personas.county) and ``level``."""

    class Meta:
        model = FollowSurvey

    title = factory.Sequence(lambda n: f"关注推广统计{n}")
    level = SurveyLevel.TOWN_DEPARTMENT
    status = SurveyStatus.OPEN
    opened_at = factory.LazyFunction(timezone.now)


class WechatUserFactory(UserFactory):
    """A person who came in through WeChat login."""

    openid = factory.Sequence(lambda n: f"o-wechat-{n}")
    wechat_verified_at = factory.LazyFunction(timezone.now)
