"""Demo rows: a Liyang monthly good-person list with six candidates carried through every stage
to its public vote (open on the demo's today),
an expert pool, and one verified citizen. Idempotent: nothing is created twice."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from wenming.core.periods import local_date, local_midnight
from wenming.orgs.models import Unit
from wenming.people import actions as people_actions

from . import actions
from .choices import CampaignKind, CheckResult, Decision
from .models import Campaign, Expert
from .queries import reviewing_unit

CAMPAIGN_NAME = "溧阳好人榜（月度）"
DEMO_CANDIDATES = [
    ("周红梅", "助人为乐", "溧城镇", "十年如一日照顾社区孤寡老人，义务为邻里理发。"),
    ("吴志强", "见义勇为", "天目湖镇", "跳入湖中救起落水儿童。"),
    ("孙丽", "诚实守信", "溧城镇", "丈夫去世后坚持替夫还债十余万元。"),
    ("郑国华", "敬业奉献", "天目湖镇", "乡村教师坚守山区教学点三十年。"),
    ("冯秀英", "孝老爱亲", "溧城镇", "悉心照料瘫痪婆婆二十年。"),
    ("何军", "助人为乐", "天目湖镇", "组建志愿车队免费接送考生。"),
]
DEMO_EXPERTS = [
    ("评审专家", "expert"),
    ("刘教授", None),
    ("陈记者", None),
    ("杨主任", None),
    ("赵老师", None),
]


def load_demo(ctx) -> None:
    region = ctx.region
    admin = ctx.users["admin"]
    # Experts work in the region's departments (the candidates come from towns: no conflicts).
    units = list(Unit.objects.filter(parent=region, kind="department").order_by("sort_order", "pk")[:5]) or [
        region
    ]
    for i, (name, username) in enumerate(DEMO_EXPERTS):
        if not Expert.objects.filter(name=name).exists():
            user = ctx.users.get(username) if username else None
            Expert.objects.create(name=name, unit=units[i % len(units)], field="道德建设", user=user)
    citizen = ctx.users.get("citizen1")
    if citizen is not None and not citizen.is_verified:
        people_actions.confirm_phone(citizen, "13800000001")
    if Campaign.objects.filter(name=CAMPAIGN_NAME).exists():
        return
    campaign = Campaign.objects.create(
        name=CAMPAIGN_NAME,
        kind=CampaignKind.GOOD_PERSON_MONTHLY,
        region=region,
        start_level="town",
        top_level="county",
        list_size=5,
        expert_weight=Decimal("0.7"),
        vote_weight=Decimal("0.3"),
        # In its voting stage on the demo's today: opened three days ago, closing in eleven.
        voting_opens=local_midnight(ctx.today - timedelta(days=3)),
        voting_closes=local_midnight(ctx.today + timedelta(days=11)),
    )
    # Each stage's notice started long enough ago to have ended, so the leads can climb today.
    started = local_date(timezone.now()) - timedelta(days=30)
    nominator = citizen or admin
    noms = []
    for name, category, town, story in DEMO_CANDIDATES:
        town_unit = Unit.objects.get(name=town, parent=region)
        noms.append(
            actions.submit_nomination(
                nominator, campaign, category=category, nominee_name=name, story=story, region=town_unit
            )
        )
    for level_offset in range(len(campaign.levels)):
        by_region = {}
        for nom in noms:
            actions.review_nomination(admin, nom, Decision.ACCEPT)
            by_region.setdefault(reviewing_unit(nom).pk, []).append(nom)
        for unit_id, group in by_region.items():
            actions.post_notice(
                admin,
                campaign,
                Unit.objects.get(pk=unit_id),
                group,
                starts_on=started + timedelta(days=10 * level_offset),
            )
        for nom in noms:
            if nom.level == campaign.top_level:
                for dept in campaign.check_departments:
                    actions.record_check(
                        admin, nom, department=dept, result=CheckResult.PASSED, checked_on=started
                    )
            actions.forward_nomination(admin, nom)
            nom.refresh_from_db()
    actions.draw_round(admin, campaign, panel_size=3, deadline=timezone.now() + timedelta(days=7))
