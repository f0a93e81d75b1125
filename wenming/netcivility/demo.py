"""Demo rows: an open follow survey, and 溧阳市's network-civilization team with a prompt and posts.

Everything is found before it is created, so loading twice changes nothing.
"""

from datetime import timedelta

from django.utils import timezone

from . import actions
from .choices import CivilizedLevel, SurveyLevel, SurveyStatus, TeamRole, Urgency
from .models import CivilizedUnit, FollowSubmission, FollowSurvey, Member, Post, Prompt

DEMO_TITLE = "“掌上道德讲堂”关注推广统计"
# (demo openid, unit name): pseudonymous WeChat accounts that answered.
DEMO_ANSWERS = [("demo-openid-1", "溧城镇"), ("demo-openid-2", "溧城镇"), ("demo-openid-3", "教育局")]

# (name, unit, mobile, roles, blog, microblog, demo account linked): the registry of the demo county.
# The mobiles are in the 199 0000 range so they cannot be anyone's real number.
DEMO_TEAM = [
    ("周建华", "溧阳市文明办", "19900000001", [TeamRole.LEADER], "", "", None),
    ("吴敏", "溧阳市文明办", "19900000002", [TeamRole.LIAISON, TeamRole.COMMENTER], "", "", None),
    ("郑磊", "溧阳日报社", "19900000003", [TeamRole.COMMENTER], "", "", None),
    ("孙丽", "教育局", "19900000004", [TeamRole.VOLUNTEER], "新华网：sunli_ly", "新浪：@孙丽溧阳", "citizen1"),
    ("钱进", "教育局", "19900000005", [TeamRole.VOLUNTEER], "新浪网：qianjin", "", None),
]
DEMO_PROMPT = "转发“文明溧阳”关于文明交通的推文"


def load(ctx) -> None:
    _survey(ctx)
    admin = ctx.users.get("admin")
    county = ctx.region
    for name, unit, mobile, roles, blog, microblog, account in DEMO_TEAM:
        if not Member.objects.by_mobile(mobile).exists():
            actions.save_member(county, {"name": name, "unit_name": unit, "mobile": mobile, "roles": roles,
                                         "blog": blog, "microblog": microblog}, actor=admin)
        if account and ctx.users.get(account):
            Member.objects.by_mobile(mobile).filter(user__isnull=True).update(user=ctx.users[account])
    edu = county.children.filter(name="教育局").first()
    if edu is not None:
        CivilizedUnit.objects.get_or_create(unit=edu, defaults={"level": CivilizedLevel.NATIONAL})
    if not Prompt.objects.filter(title=DEMO_PROMPT).exists():
        actions.issue_prompt(
            county, title=DEMO_PROMPT, text="请各位网络文明志愿者转发并留言。", urgency=Urgency.DAILY,
            roles=[TeamRole.VOLUNTEER, TeamRole.COMMENTER], counties=[county],
            deadline=timezone.now() + timedelta(days=3),
            items=[("转发推文", "https://mp.weixin.qq.com/s/demo-civility-traffic"),
                   ("在微博评论", "https://weibo.com/demo/civility")],
            actor=admin,
        )
    volunteer = Member.objects.by_mobile("19900000005").first()
    if volunteer is not None and not Post.objects.filter(member=volunteer).exists():
        actions.submit_post(volunteer, title="文明出行，从我做起", link="https://blog.sina.com.cn/demo/1",
                            published_on=timezone.localdate(), actor=admin)


def _survey(ctx) -> None:
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
