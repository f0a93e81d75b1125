"""Demo rows: an open town/department-level survey over the demo region, with a few answers."""

from django.utils import timezone

from .choices import SurveyLevel, SurveyStatus
from .models import FollowSubmission, FollowSurvey

DEMO_TITLE = "“掌上道德讲堂”关注推广统计"
# (demo openid, unit name): pseudonymous WeChat accounts that answered.
DEMO_ANSWERS = [("demo-openid-1", "溧城镇"), ("demo-openid-2", "溧城镇"), ("demo-openid-3", "教育局")]


def load(ctx) -> None:
    survey = FollowSurvey.objects.filter(title=DEMO_TITLE, region=ctx.region).first()
    if survey is None:
        survey = FollowSurvey.objects.create(
            title=DEMO_TITLE, region=ctx.region, level=SurveyLevel.TOWN_DEPARTMENT,
            status=SurveyStatus.OPEN, opened_at=timezone.now(), created_by=ctx.users.get("admin"),
        )
    choices = {unit.name: unit for unit in survey.choices()}
    for openid, name in DEMO_ANSWERS:
        if name in choices and not FollowSubmission.objects.filter(survey=survey, openid=openid).exists():
            FollowSubmission.objects.create(survey=survey, openid=openid, unit=choices[name], submitted_at=timezone.now())
