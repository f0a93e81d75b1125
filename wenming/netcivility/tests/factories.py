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


def member(county, name, mobile, *roles, unit_name="", user=None, unit=None, **fields):
    """A registry member with ``roles`` (TeamRole values), written through the action as the admin would."""
    from wenming.netcivility import actions
    from wenming.netcivility.models import Member
    from wenming.people.models import User

    admin = User.objects.filter(is_superuser=True).first()
    actions.save_member(county, {"name": name, "mobile": mobile, "unit_name": unit_name, "roles": list(roles), **fields},
                        actor=admin, unit=unit)
    found = Member.objects.by_mobile(mobile).get()
    if user is not None:
        Member.objects.filter(pk=found.pk).update(user=user)
        found.refresh_from_db()
    return found
