"""The assessment scheme item reads prompt completion and quota compliance per county for the year."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from wenming.assessment.luoyang import assess_year
from wenming.assessment.models import Item
from wenming.assessment.schemes import load_scheme
from wenming.netcivility import actions
from wenming.netcivility.choices import TeamRole
from wenming.netcivility.figures import prompt_completion, quota_compliance
from wenming.netcivility.models import PromptAssignment
from wenming.orgs.models import Unit
from wenming.people import actions as people_actions
from wenming.people.choices import Role
from wenming.testing.factories import UserFactory

from .factories import member
from .test_quotas import post

SH = ZoneInfo("Asia/Shanghai")
V = TeamRole.VOLUNTEER


def test_wenzhou_scheme_scores_the_figures(db):
    scheme = load_scheme("wenzhou-2016")
    assert list(Item.objects.filter(scheme=scheme, standard="figure").values_list("figure", flat=True)) == [
        "netcivility.prompt_completion", "netcivility.quota_compliance"]
    lucheng, longwan = Unit.objects.get(name="鹿城区"), Unit.objects.get(name="龙湾区")
    office = UserFactory(is_superuser=True, is_staff=True)
    people_actions.grant_role(office, Role.ADMIN)
    a = member(lucheng, "甲", "13900000001", V)
    b = member(lucheng, "乙", "13900000002", V)
    member(longwan, "丙", "13900000003", V)
    city = lucheng.parent
    # Four prompts to 鹿城区 in 2016: 甲 finishes all four, 乙 one of four → 5 of 8 = 0.625.
    for n in range(4):
        prompt = actions.issue_prompt(city, title=f"提示{n}", roles=[V], counties=[lucheng], items=[("转发", "https://a.cn/")],
                                      deadline=datetime(2016, 3 + n, 1, tzinfo=SH), now=datetime(2016, 1, 1, tzinfo=SH),
                                      actor=office)
        done = [a] if n else [a, b]
        PromptAssignment.objects.filter(prompt=prompt, member__in=done).update(completed_at=datetime(2016, 2, 1, tzinfo=SH))
    # 甲 posts every month of 2016, 乙 six months → 18 of 24 = 0.75; 龙湾区 nothing → 0.
    for m in range(1, 13):
        post(a, date(2016, m, 2))
        if m <= 6:
            post(b, date(2016, m, 2))
    ids = [lucheng.pk, longwan.pk]
    assert prompt_completion(2016, ids) == {lucheng.pk: Decimal("0.6250"), longwan.pk: None}
    assert quota_compliance(2016, ids) == {lucheng.pk: Decimal("0.7500"), longwan.pk: Decimal("0.0000")}

    results = {r.unit.name: r for r in assess_year(scheme, 2016)}
    assert results["鹿城区"].items == {1: Decimal(0), 2: Decimal("2.50"), 3: Decimal("3.00")}
    assert results["龙湾区"].items[2] == Decimal("0.00") and results["龙湾区"].items[3] == Decimal("0.00")
    assert results["鹿城区"].pending_quality == [1]  # the figure items wait for no reviewer
