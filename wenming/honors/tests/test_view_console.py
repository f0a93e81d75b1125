"""Staff pages: who may see them, and that their forms go through the actions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from wenming.core.periods import local_date
from wenming.honors import actions
from wenming.honors.choices import NominationStatus
from wenming.honors.models import PanelRound, PublicNotice, ResultList, Vote

from .factories import CampaignFactory, ExpertFactory, NominationFactory, verified_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(personas):
    return CampaignFactory(region=personas.county)


def lead(campaign, personas, status=NominationStatus.PENDING):
    return NominationFactory(campaign=campaign, region=personas.town, level="town", status=status)


@pytest.mark.parametrize("name", ["console_campaign", "rounds", "fraud", "results_console"])
def test_console_pages_refuse_citizens_and_outsiders(client, personas, campaign, name):
    url = reverse(f"honors:{name}", args=[campaign.pk])
    for user in (personas.citizen, personas.outsider_editor):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(personas.reviewer)
    assert client.get(url).status_code == 200


def test_queue_and_review(client, personas, campaign, django_assert_max_num_queries):
    noms = [lead(campaign, personas) for _ in range(5)]
    client.force_login(personas.reviewer)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("honors:console_campaign", args=[campaign.pk]))
    assert all(n.nominee_name in page.content.decode() for n in noms)
    # Returning without a reason is refused with a Chinese message and changes nothing.
    client.post(reverse("honors:review", args=[noms[0].pk]), {"decision": "return", "reason": ""})
    noms[0].refresh_from_db()
    assert noms[0].status == NominationStatus.PENDING
    response = client.post(reverse("honors:review", args=[noms[0].pk]), {"decision": "accept"}, follow=True)
    assert "审核意见已保存" in response.content.decode()
    noms[0].refresh_from_db()
    assert noms[0].status == NominationStatus.ACCEPTED


def test_post_notice_from_the_console(client, personas, campaign):
    nom = lead(campaign, personas, status=NominationStatus.ACCEPTED)
    client.force_login(personas.reviewer)
    today = local_date(timezone.now())
    response = client.post(
        reverse("honors:console_campaign", args=[campaign.pk]),
        {"region": personas.town.pk, "nominations": [nom.pk], "starts_on": today.isoformat(), "title": ""},
    )
    assert response.status_code == 302
    notice = PublicNotice.objects.get()
    assert list(notice.nominations.all()) == [nom] and notice.ends_on == today + timedelta(days=4)


def test_nomination_detail_forward_refusal_is_shown(client, personas, campaign):
    nom = lead(campaign, personas, status=NominationStatus.ACCEPTED)
    client.force_login(personas.reviewer)
    assert client.get(reverse("honors:console_nomination", args=[nom.pk])).status_code == 200
    response = client.post(reverse("honors:forward", args=[nom.pk]), follow=True)
    assert "本级尚未公示，不能上报。" in response.content.decode()
    client.force_login(personas.citizen)
    assert client.get(reverse("honors:console_nomination", args=[nom.pk])).status_code == 403


def test_fraud_page_lists_bursts_and_voids(client, personas, campaign):
    cand = NominationFactory(campaign=campaign)
    for _ in range(21):
        Vote.objects.create(
            candidate=cand, voter=verified_user(), slot=0, at=timezone.now(), ip="10.6.6.6", user_agent="Bot"
        )
    client.force_login(personas.reviewer)
    html = client.get(reverse("honors:fraud", args=[campaign.pk])).content.decode()
    assert "10.6.6.6" in html and "同一 IP" in html
    ids = ",".join(str(pk) for pk in Vote.objects.values_list("pk", flat=True))
    client.post(reverse("honors:void", args=[campaign.pk]), {"votes": ids, "reason": "同一IP集中投票"})
    assert Vote.objects.filter(voided_at__isnull=False).count() == 21
    assert "未发现集中投票" in client.get(reverse("honors:fraud", args=[campaign.pk])).content.decode()


def test_fraud_finding_form_calls_the_assessment(client, personas, campaign):
    from wenming.assessment.models import FraudFinding

    client.force_login(personas.admin)
    client.post(
        reverse("honors:fraud", args=[campaign.pk]),
        {"unit": personas.dept.pk, "year": 2026, "evidence": "组织刷票"},
    )
    assert FraudFinding.objects.filter(unit=personas.dept, year=2026, evidence="组织刷票").exists()


def test_draw_score_and_publish_through_the_pages(client, personas, campaign):
    cand = NominationFactory(campaign=campaign)
    ExpertFactory(unit=personas.town2, user=personas.expert)
    client.force_login(personas.reviewer)
    deadline = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("honors:rounds", args=[campaign.pk]), {"panel_size": 1, "deadline": deadline}
    )
    panel_round = PanelRound.objects.get()
    assert response.url == reverse("honors:round", args=[panel_round.pk])
    assert panel_round.seed in client.get(response.url).content.decode()
    client.force_login(personas.expert)
    assert client.get(reverse("honors:expert_rounds")).status_code == 200
    assert (
        cand.nominee_name
        in client.get(reverse("honors:expert_round", args=[panel_round.pk])).content.decode()
    )
    client.post(
        reverse("honors:expert_round", args=[panel_round.pk]), {"nomination": cand.pk, "score": "88.5"}
    )
    panel_round.refresh_from_db()
    assert panel_round.closed_at is not None
    client.force_login(personas.admin)
    response = client.post(reverse("honors:results_console", args=[campaign.pk]), {"title": "四月好人榜"})
    published = ResultList.objects.get()
    assert response.url == reverse("honors:result", args=[published.pk])
    assert cand.nominee_name in client.get(response.url).content.decode()


def test_expert_pages_refuse_others(client, personas, campaign):
    NominationFactory(campaign=campaign)
    ExpertFactory(unit=personas.town2)
    panel_round = actions.draw_round(
        personas.reviewer, campaign, panel_size=1, deadline=timezone.now() + timedelta(days=1)
    )
    client.force_login(personas.citizen)
    assert client.get(reverse("honors:expert_round", args=[panel_round.pk])).status_code == 403
    assert client.get(reverse("honors:expert_rounds")).status_code == 403


def test_region_ranking_page(client, personas):
    client.force_login(personas.reviewer)
    html = client.get(
        reverse("honors:regions"), {"region": personas.county.pk, "month": "2026-04"}
    ).content.decode()
    assert "溧城镇" in html and "天目湖镇" in html
    bad = client.get(
        reverse("honors:regions"), {"region": personas.county.pk, "month": "2026-13"}
    ).content.decode()
    assert "月份格式应为 YYYY-MM" in bad
    client.force_login(personas.citizen)
    assert client.get(reverse("honors:regions")).status_code == 403
