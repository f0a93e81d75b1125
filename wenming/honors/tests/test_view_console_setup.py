"""Campaign setup and the expert pool in the staff console: forms, refusals, permissions, and that
a campaign made here runs through the existing flows."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from wenming.honors import actions
from wenming.honors.choices import DEFAULT_CATEGORIES, NominationStatus
from wenming.honors.models import Campaign, Expert, Nomination, Vote
from wenming.journal.models import AuditEntry

from .factories import CampaignFactory, ExpertFactory, NominationFactory, verified_user

pytestmark = pytest.mark.django_db

NEW = reverse("honors:campaign_new")


def local(dt) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def campaign_post(personas, **overrides) -> dict:
    """What a clerk submits for a county monthly list, town → county, nominations open now."""
    now = timezone.now()
    data = {
        "name": "溧阳市十二月好人榜",
        "kind": "monthly",
        "region": personas.county.pk,
        "categories": "助人为乐、见义勇为，诚实守信\n敬业奉献\n孝老爱亲",
        "check_departments": "纪检监察\n公安\n市场监管",
        "start_level": "town",
        "top_level": "county",
        "nomination_opens": local(now - timedelta(hours=1)),
        "nomination_closes": local(now + timedelta(days=20)),
        "notice_days": "5",
        "voting_opens": local(now + timedelta(days=25)),
        "voting_closes": local(now + timedelta(days=32)),
        "list_size": "10",
        "expert_weight": "0.6",
        "vote_weight": "0.4",
        "vote_period": "day",
        "show_counts": "on",
    }
    data.update(overrides)
    return data


def settings_of(campaign: Campaign) -> dict:
    """The campaign's current settings as the edit form would post them back."""
    return {
        "name": campaign.name,
        "kind": campaign.kind,
        "region": campaign.region_id,
        "categories": "\n".join(campaign.categories),
        "check_departments": "\n".join(campaign.check_departments),
        "start_level": campaign.start_level,
        "top_level": campaign.top_level,
        "nomination_opens": local(campaign.nomination_opens) if campaign.nomination_opens else "",
        "nomination_closes": local(campaign.nomination_closes) if campaign.nomination_closes else "",
        "notice_days": campaign.notice_days,
        "voting_opens": local(campaign.voting_opens) if campaign.voting_opens else "",
        "voting_closes": local(campaign.voting_closes) if campaign.voting_closes else "",
        "list_size": campaign.list_size,
        "expert_weight": campaign.expert_weight,
        "vote_weight": campaign.vote_weight,
        "vote_period": campaign.vote_period,
        **({"show_counts": "on"} if campaign.show_counts else {}),
    }


def field_errors(response, name) -> list[str]:
    return list(response.context["form"].errors.get(name, []))


# --- creating a campaign -------------------------------------------------------------------------


def test_create_campaign_through_the_form(client, personas):
    client.force_login(personas.reviewer)
    page = client.get(NEW)
    assert page.status_code == 200
    # The defaults a clerk starts from: the five categories, one per line.
    assert "\n".join(DEFAULT_CATEGORIES) in page.content.decode()
    response = client.post(NEW, campaign_post(personas))
    campaign = Campaign.objects.get()
    assert response.url == reverse("honors:console_campaign", args=[campaign.pk])
    assert campaign.categories == ["助人为乐", "见义勇为", "诚实守信", "敬业奉献", "孝老爱亲"]
    assert campaign.check_departments == ["纪检监察", "公安", "市场监管"]
    assert (campaign.expert_weight, campaign.vote_weight) == (Decimal("0.6"), Decimal("0.4"))
    assert campaign.levels == ["town", "county"] and campaign.vote_period == "day"
    assert AuditEntry.objects.filter(verb="honors.create_campaign", target_id=str(campaign.pk)).exists()
    console = client.get(reverse("honors:console")).content.decode()
    assert "溧阳市十二月好人榜" in console


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "请填写活动名称。"),
        (
            {"expert_weight": "0.7", "vote_weight": "0.4"},
            "vote_weight",
            "专家评分权重与网络投票权重之和须为 1（现为 1.1）。",
        ),
        ({"expert_weight": "1.5", "vote_weight": "-0.5"}, "expert_weight", "确保该值小于或等于1。"),
        ({"start_level": "county", "top_level": "town"}, "start_level", "起始层级不能高于最高层级。"),
        ({"top_level": "city"}, "top_level", "最高层级不能高于主办地区（溧阳市）的层级。"),
        ({"categories": ""}, "categories", "请至少填写一个类别。"),
        ({"categories": "助人为乐、见义勇为、助人为乐"}, "categories", "“助人为乐”重复。"),
        ({"categories": "助" * 21}, "categories", f"“{'助' * 21}”过长（最多 20 字）。"),
        ({"check_departments": " \n、"}, "check_departments", "请至少填写一个背景审核部门。"),
        ({"check_departments": "公安，公安"}, "check_departments", "“公安”重复。"),
        ({"notice_days": "0"}, "notice_days", "确保该值大于或等于1。"),
        ({"list_size": "0"}, "list_size", "确保该值大于或等于1。"),
    ],
)
def test_create_form_refusals(client, personas, overrides, field, message):
    client.force_login(personas.reviewer)
    response = client.post(NEW, campaign_post(personas, **overrides))
    assert response.status_code == 200
    assert any(message.replace(" ", "") in e.replace(" ", "") for e in field_errors(response, field)), (
        field_errors(response, field)
    )
    assert message.split("（")[0] in response.content.decode()
    assert not Campaign.objects.exists()


def test_schedule_refusals(client, personas):
    client.force_login(personas.reviewer)
    now = timezone.now()
    response = client.post(
        NEW,
        campaign_post(
            personas,
            nomination_opens=local(now + timedelta(days=2)),
            nomination_closes=local(now + timedelta(days=1)),
            voting_opens=local(now + timedelta(days=1)),
            voting_closes=local(now),
        ),
    )
    assert field_errors(response, "nomination_closes") == ["推荐截止时间须晚于推荐开始时间。"]
    assert field_errors(response, "voting_closes") == ["投票截止时间须晚于投票开始时间。"]
    assert field_errors(response, "voting_opens") == ["投票开始时间不能早于推荐开始时间。"]
    assert not Campaign.objects.exists()


def test_region_must_be_a_region_in_scope(client, personas):
    client.force_login(personas.reviewer)
    # Another city, outside the reviewer's county: not even a choice.
    response = client.post(NEW, campaign_post(personas, region=personas.other_city.pk))
    assert field_errors(response, "region")
    assert not Campaign.objects.exists()
    # A department is not a region a selection can be organised by.
    with pytest.raises(ValidationError) as refused:
        actions.create_campaign(personas.admin, name="教育局好人榜", kind="monthly", region=personas.dept)
    assert refused.value.message_dict["region"] == [
        "主办地区须为省、市、县（市、区）、镇（街道）或村（社区）。"
    ]


def test_who_may_set_up_campaigns(client, personas):
    campaign = CampaignFactory(region=personas.county)
    settings_url = reverse("honors:campaign_settings", args=[campaign.pk])
    for user in (personas.citizen, personas.liaison, personas.outsider_editor, personas.editor):
        client.force_login(user)
        assert client.get(NEW).status_code == 403
        assert client.post(NEW, campaign_post(personas)).status_code == 403
        assert client.get(settings_url).status_code == 403
        assert client.post(settings_url, settings_of(campaign)).status_code == 403
    assert not Campaign.objects.exclude(pk=campaign.pk).exists()
    client.logout()
    assert client.get(NEW).status_code == 302  # to the login page
    # The action refuses by itself too, whoever calls it.
    with pytest.raises(PermissionDenied):
        actions.create_campaign(personas.citizen, name="x", kind="monthly", region=personas.county)
    with pytest.raises(PermissionDenied):
        actions.update_campaign(personas.outsider_editor, campaign, name="改名")
    # A reviewer of a town may work the county campaign's leads but not change its settings.
    town_reviewer = verified_user(username="town_reviewer")
    from wenming.people import actions as people_actions
    from wenming.people.choices import Role

    people_actions.grant_role(town_reviewer, Role.REVIEWER, personas.town)
    client.force_login(town_reviewer)
    assert client.get(reverse("honors:console_campaign", args=[campaign.pk])).status_code == 200
    assert client.get(settings_url).status_code == 403


def test_console_links_to_the_new_pages(client, personas):
    campaign = CampaignFactory(region=personas.county)
    client.force_login(personas.reviewer)
    console = client.get(reverse("honors:console")).content.decode()
    assert NEW in console and reverse("honors:experts") in console
    page = client.get(reverse("honors:console_campaign", args=[campaign.pk])).content.decode()
    assert reverse("honors:campaign_settings", args=[campaign.pk]) in page
    assert reverse("honors:experts") in page


# --- editing, and what may not change once under way ----------------------------------------------


def test_edit_campaign_then_file_a_nomination_in_it(client, personas):
    client.force_login(personas.reviewer)
    client.post(NEW, campaign_post(personas))
    campaign = Campaign.objects.get()
    url = reverse("honors:campaign_settings", args=[campaign.pk])
    assert client.get(url).status_code == 200
    data = settings_of(campaign) | {
        "name": "溧阳市好人榜（十二月）",
        "categories": "助人为乐\n孝老爱亲\n自强不息",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    campaign.refresh_from_db()
    assert campaign.name == "溧阳市好人榜（十二月）"
    assert campaign.categories == ["助人为乐", "孝老爱亲", "自强不息"]
    entry = AuditEntry.objects.get(verb="honors.update_campaign", target_id=str(campaign.pk))
    assert set(entry.data["changes"]) == {"name", "categories"}
    # A citizen nominates in it through the existing page; the lead enters at the town level.
    client.force_login(personas.citizen)
    response = client.post(
        reverse("honors:nominate", args=[campaign.pk]),
        {
            "nominee_name": "王秀英",
            "category": "自强不息",
            "region": personas.town.pk,
            "story": "身残志坚，带动乡邻致富。",
        },
    )
    assert response.status_code == 302
    nom = Nomination.objects.get()
    assert (nom.campaign, nom.level, nom.status) == (campaign, "town", NominationStatus.PENDING)
    # ... and the reviewer sees it in the campaign's queue.
    client.force_login(personas.reviewer)
    queue = client.get(reverse("honors:console_campaign", args=[campaign.pk])).content.decode()
    assert "王秀英" in queue


def test_settings_fixed_by_leads(client, personas):
    campaign = CampaignFactory(region=personas.county, categories=["助人为乐", "见义勇为"])
    NominationFactory(campaign=campaign, region=personas.town, level="town", status=NominationStatus.PENDING)
    client.force_login(personas.reviewer)
    url = reverse("honors:campaign_settings", args=[campaign.pk])
    page = client.get(url).content.decode()
    assert "已有推荐线索，不能再修改。" in page
    # A category in use may not be removed; adding one is fine.
    response = client.post(url, settings_of(campaign) | {"categories": "见义勇为\n孝老爱亲"})
    assert field_errors(response, "categories") == ["类别“助人为乐”已有推荐线索，不能删除。"]
    # The levels are shown disabled: a posted change is ignored and the stored value kept.
    response = client.post(
        url, settings_of(campaign) | {"start_level": "village", "categories": "助人为乐\n见义勇为\n孝老爱亲"}
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.start_level == "town" and campaign.categories == ["助人为乐", "见义勇为", "孝老爱亲"]
    # Called directly, the action refuses with the reason.
    with pytest.raises(ValidationError) as refused:
        actions.update_campaign(personas.reviewer, campaign, top_level="town", start_level="town")
    assert refused.value.message_dict["top_level"] == ["已有推荐线索，不能再修改。"]


def test_weights_and_vote_period_fixed_by_votes_and_results(personas):
    campaign = CampaignFactory(region=personas.county)
    cand = NominationFactory(campaign=campaign)
    actions.update_campaign(
        personas.reviewer, campaign, expert_weight=Decimal("0.5"), vote_weight=Decimal("0.5")
    )
    Vote.objects.create(candidate=cand, voter=verified_user(), slot=0, at=timezone.now())
    with pytest.raises(ValidationError) as refused:
        actions.update_campaign(
            personas.reviewer, campaign, expert_weight=Decimal("0.8"), vote_weight=Decimal("0.2")
        )
    assert refused.value.message_dict["expert_weight"] == ["已有网络投票，不能再修改。"]
    with pytest.raises(ValidationError) as refused:
        actions.update_campaign(personas.reviewer, campaign, vote_period="day")
    assert refused.value.message_dict["vote_period"] == ["已有网络投票，不能再修改。"]
    # Windows may still be extended, and the list size changed until a list is published.
    closes = timezone.now() + timedelta(days=3)
    actions.update_campaign(personas.reviewer, campaign, voting_closes=closes, list_size=3)
    campaign.refresh_from_db()
    assert campaign.voting_closes == closes and campaign.list_size == 3
    ExpertFactory(unit=personas.town2, user=personas.expert)
    panel = actions.draw_round(
        personas.reviewer, campaign, panel_size=1, deadline=timezone.now() + timedelta(days=1)
    )
    actions.submit_score(personas.expert, panel, cand, Decimal("90"))
    actions.publish_results(personas.admin, campaign, title="榜单")
    with pytest.raises(ValidationError) as refused:
        actions.update_campaign(personas.reviewer, campaign, list_size=5)
    assert refused.value.message_dict["list_size"] == ["榜单已发布，不能再修改。"]


def test_departments_fixed_once_checks_are_recorded(personas):
    campaign = CampaignFactory(region=personas.county, start_level="county")
    nom = NominationFactory(campaign=campaign, status=NominationStatus.ACCEPTED)
    actions.update_campaign(personas.reviewer, campaign, check_departments=["公安", "税务"])
    actions.record_check(
        personas.reviewer, nom, department="公安", result="passed", checked_on=timezone.localdate()
    )
    with pytest.raises(ValidationError) as refused:
        actions.update_campaign(personas.reviewer, campaign, check_departments=["公安"])
    assert refused.value.message_dict["check_departments"] == ["已登记背景审核，不能再修改。"]


def test_database_constraints_back_the_rules(personas):
    now = timezone.now()
    bad = [
        {"name": ""},
        {"start_level": "county", "top_level": "town"},
        {"nomination_opens": now, "nomination_closes": now},
        {"nomination_opens": now, "voting_opens": now - timedelta(minutes=1)},
        {"categories": []},
        {"check_departments": []},
        {"expert_weight": Decimal("0.7"), "vote_weight": Decimal("0.4")},
        {"kind": "yearly"},
        {"vote_period": "hour"},
    ]
    for fields in bad:
        with pytest.raises(IntegrityError), transaction.atomic():
            CampaignFactory(region=personas.county, **fields)
    ExpertFactory(name="李明", unit=personas.town)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExpertFactory(name="李明", unit=personas.town)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExpertFactory(name="", unit=personas.town)


# --- the expert pool -----------------------------------------------------------------------------


def test_expert_pool_add_edit_search(client, personas):
    client.force_login(personas.reviewer)
    response = client.post(
        reverse("honors:expert_new"),
        {"name": "陈静", "unit": personas.dept.pk, "field": "教育", "username": "expert"},
    )
    assert response.url == reverse("honors:experts")
    expert = Expert.objects.get()
    assert (expert.unit, expert.user, expert.active) == (personas.dept, personas.expert, True)
    # Refusals, each in Chinese next to its field.
    response = client.post(reverse("honors:expert_new"), {"name": "陈静", "unit": personas.dept.pk})
    assert field_errors(response, "name") == ["教育局已有名为“陈静”的专家。"]
    response = client.post(
        reverse("honors:expert_new"), {"name": "赵强", "unit": personas.dept.pk, "username": "nobody"}
    )
    assert field_errors(response, "username") == ["没有用户名为“nobody”的账号。"]
    response = client.post(
        reverse("honors:expert_new"), {"name": "赵强", "unit": personas.town.pk, "username": "expert"}
    )
    assert field_errors(response, "username") == ["该账号已关联其他专家。"]
    response = client.post(reverse("honors:expert_new"), {"name": " ", "unit": personas.town.pk})
    assert field_errors(response, "name") == ["请填写专家姓名。"]
    assert Expert.objects.count() == 1
    # Edit: another unit and field.
    response = client.post(
        reverse("honors:expert_edit", args=[expert.pk]),
        {"name": "陈静", "unit": personas.town2.pk, "field": "法律", "username": ""},
    )
    assert response.url == reverse("honors:experts")
    expert.refresh_from_db()
    assert (expert.unit, expert.field, expert.user) == (personas.town2, "法律", None)
    # Search by name, unit and field.
    ExpertFactory(name="周涛", unit=personas.town, field="新闻")
    for q, found in (("陈", "陈静"), ("溧城", "周涛"), ("法律", "陈静")):
        html = client.get(reverse("honors:experts"), {"q": q}).content.decode()
        assert found in html and ({"陈静", "周涛"} - {found}).pop() not in html


def test_expert_list_is_paginated_with_bounded_queries(client, personas, django_assert_max_num_queries):
    for i in range(45):
        ExpertFactory(name=f"专家{i:02d}", unit=personas.town, user=verified_user(username=f"ex{i}"))
    client.force_login(personas.reviewer)
    with django_assert_max_num_queries(8):
        first = client.get(reverse("honors:experts"))
    assert len(first.context["page"]) == 20 and "第 1 / 3 页" in first.content.decode()
    last = client.get(reverse("honors:experts"), {"page": 3}).content.decode()
    assert "专家44" in last and "专家00" not in last


def test_expert_pool_permissions(client, personas):
    own = ExpertFactory(unit=personas.town)
    elsewhere = ExpertFactory(unit=personas.other_city)
    client.force_login(personas.reviewer)
    html = client.get(reverse("honors:experts")).content.decode()
    assert own.name in html and elsewhere.name not in html
    assert client.get(reverse("honors:expert_edit", args=[elsewhere.pk])).status_code == 403
    assert client.post(reverse("honors:expert_deactivate", args=[elsewhere.pk])).status_code == 403
    # A unit outside the scope is not a choice.
    response = client.post(reverse("honors:expert_new"), {"name": "外地专家", "unit": personas.other_city.pk})
    assert field_errors(response, "unit")
    for user in (personas.citizen, personas.liaison, personas.outsider_editor):
        client.force_login(user)
        for url in (
            reverse("honors:experts"),
            reverse("honors:expert_new"),
            reverse("honors:expert_edit", args=[own.pk]),
        ):
            assert client.get(url).status_code == 403
        assert client.post(reverse("honors:expert_deactivate", args=[own.pk])).status_code == 403
    own.refresh_from_db()
    assert own.active
    with pytest.raises(PermissionDenied):
        actions.add_expert(personas.reviewer, name="外地专家", unit=personas.other_city)


def test_deactivated_experts_are_not_drawn_and_past_draws_still_verify(client, personas):
    campaign = CampaignFactory(region=personas.county)
    NominationFactory(campaign=campaign)
    experts = [ExpertFactory(unit=personas.town2) for _ in range(4)]
    first = actions.draw_round(
        personas.reviewer, campaign, panel_size=2, deadline=timezone.now() + timedelta(days=1)
    )
    drawn = Expert.objects.filter(pk__in=first.drawn)
    client.force_login(personas.reviewer)
    for expert in drawn:
        response = client.post(
            reverse("honors:expert_deactivate", args=[expert.pk]), {"reason": "退休"}, follow=True
        )
        assert "已停用，不再参加抽取" in response.content.decode()
        # Editing the expert afterwards changes nothing about the past draw either.
        client.post(
            reverse("honors:expert_edit", args=[expert.pk]),
            {"name": expert.name + "（已退休）", "unit": personas.dept.pk, "field": "退休"},
        )
    assert not Expert.objects.filter(pk__in=first.drawn, active=True).exists()
    assert AuditEntry.objects.filter(verb="honors.deactivate_expert", reason="退休").count() == 2
    second = actions.draw_round(
        personas.reviewer, campaign, panel_size=2, deadline=timezone.now() + timedelta(days=1)
    )
    assert set(second.drawn).isdisjoint(first.drawn)
    assert {pk for pk, _unit in second.pool_snapshot} == {e.pk for e in experts} - set(first.drawn)
    with pytest.raises(ValidationError, match="可抽取的专家只有 2 人"):
        actions.draw_round(
            personas.reviewer, campaign, panel_size=3, deadline=timezone.now() + timedelta(days=1)
        )
    out = StringIO()
    call_command("verify-draw", str(first.pk), stdout=out)
    assert "一致" in out.getvalue()
    # Back in the pool: drawn again from then on.
    response = client.post(reverse("honors:expert_reactivate", args=[drawn[0].pk]), follow=True)
    assert "已恢复在库" in response.content.decode()
    response = client.post(reverse("honors:expert_reactivate", args=[drawn[0].pk]), follow=True)
    assert "该专家已在库。" in response.content.decode()


def test_the_new_pages_have_english(client, personas):
    """The catalogue (make messages + scripts/glossary/honors.tsv) covers the new strings."""
    from django.utils import translation

    client.force_login(personas.reviewer)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        response = client.post(NEW, campaign_post(personas, expert_weight="0.7", vote_weight="0.4"))
        html = response.content.decode()
        assert "New campaign" in html and "Schedule" in html
        assert "The expert weight and the vote weight must add up to 1 (now 1.1)." in html
        html = client.get(reverse("honors:experts")).content.decode()
        assert "Expert pool" in html and "Add expert" in html
        campaign = CampaignFactory(region=personas.county)
        NominationFactory(campaign=campaign)
        assert actions.frozen_fields(campaign)["start_level"] == (
            "Nominations have been made: this can no longer be changed."
        )
