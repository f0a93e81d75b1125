"""The security probe's inputs that answered 500 (issue 12, item 6), each fixed where it belongs.

Each case is checked twice: through the site (the input guard answers NUL with a Chinese 400) and
at its own depth with the guard out of the way (the form, view or action refuses it by itself).
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from wenming.core.guard import has_unstorable
from wenming.participation import actions, queries
from wenming.participation.choices import Status
from wenming.participation.forms import ClicksForm, FlagForm
from wenming.participation.models import Flag, Livestream
from wenming.participation.tests.factories import LivestreamFactory, StoryFactory

pytestmark = pytest.mark.django_db
WITHOUT_GUARD = [m for m in settings.MIDDLEWARE if m != "wenming.core.guard.InputGuardMiddleware"]


@pytest.fixture
def story(personas):
    return StoryFactory(author=personas.citizen, unit=personas.town, status=Status.ACCEPTED, decided_at=timezone.now())


def _is_guard_page(response) -> bool:
    return response.status_code == 400 and "请求中含有无法处理的字符" in response.content.decode()


@pytest.mark.parametrize("text", ["a\x00b", "x\ud800", "\udfff", "\x00"])
def test_the_guard_knows_unstorable_text(text):
    assert has_unstorable(text)


@pytest.mark.parametrize("text", ["", "普通文字", "emoji 😀", "\ufffd", "tab\tnew\nline"])
def test_the_guard_lets_ordinary_text_through(text):
    assert not has_unstorable(text)


def test_nul_in_a_share_token_path_is_a_400(client):
    assert _is_guard_page(client.get("/participation/s/%00abc/"))


@override_settings(MIDDLEWARE=WITHOUT_GUARD)
def test_nul_in_a_share_token_path_is_not_found_without_the_guard(client):
    assert client.get("/participation/s/%00abc/").status_code == 404
    assert actions.open_share_link("abc\x00", None) == (None, None)


def test_nul_in_the_link_parameter_is_a_400(client, personas, story):
    client.force_login(personas.citizen2)
    assert _is_guard_page(client.get(reverse("participation:item", args=["story", story.pk]) + "?link=%00"))


@override_settings(MIDDLEWARE=WITHOUT_GUARD)
def test_a_malformed_link_parameter_is_ignored_without_the_guard(client, personas, story):
    client.force_login(personas.citizen2)
    response = client.get(reverse("participation:item", args=["story", story.pk]) + "?link=%00")
    assert response.status_code == 200
    assert not queries.owns_share_link(personas.citizen2, story, "a\x00b")


def test_nul_in_a_flag_reason_is_a_400(client, personas, story):
    client.force_login(personas.citizen2)
    response = client.post(reverse("participation:flag", args=["story", story.pk]), {"reason": "广告\x00"})
    assert _is_guard_page(response)
    assert not Flag.objects.exists()


@override_settings(MIDDLEWARE=WITHOUT_GUARD)
def test_a_flag_reason_the_form_refuses_records_nothing(client, personas, story):
    client.force_login(personas.citizen2)
    response = client.post(reverse("participation:flag", args=["story", story.pk]), {"reason": "广告\x00"}, follow=True)
    assert response.status_code == 200
    assert not Flag.objects.exists()
    assert not FlagForm({"reason": "长" * 201}).is_valid()


def test_a_30_digit_click_count_is_a_field_error(client, personas):
    p = personas
    live = LivestreamFactory(
        author=p.liaison, unit=p.town, status=Status.ACCEPTED, decided_at=timezone.now(),
        created_at=timezone.now() - timedelta(days=10), held_at=timezone.now() - timedelta(days=4),
    )
    client.force_login(p.liaison)
    response = client.post(reverse("participation:livestream_clicks", args=[live.pk]), {"clicks": "9" * 30}, follow=True)
    assert response.status_code == 200
    assert "点击量不能超过 2147483647" in response.content.decode()
    live.refresh_from_db()
    assert live.clicks_72h is None
    form = ClicksForm({"clicks": "2147483647"})
    assert form.is_valid()
    with pytest.raises(actions.ParticipationError, match="2147483647"):
        actions.record_clicks(p.liaison, live, 2**31)
    assert Livestream.objects.get(pk=live.pk).clicks_72h is None


def test_the_guard_answers_a_nul_in_any_form_value_or_key(client, personas):
    client.force_login(personas.citizen)
    assert _is_guard_page(client.post(reverse("participation:story_new"), {"title": "好人\x00", "body": "正文"}))
    assert _is_guard_page(client.post(reverse("participation:story_new"), {"ti\x00tle": "好人", "body": "正文"}))
    assert _is_guard_page(client.get(reverse("participation:feed") + "?page=%00"))


def test_a_lone_surrogate_sent_as_bytes_never_reaches_a_view_as_one(client, personas):
    """Invalid UTF-8 in a form decodes to U+FFFD: stored text stays encodable."""
    client.force_login(personas.citizen)
    body = "title=%ED%A0%80&body=%E6%AD%A3%E6%96%87"
    response = client.generic("POST", reverse("participation:story_new"), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 302)


# ---------------------------------------------------------------- honors


def _campaign_settings_with(personas, categories: str):
    from wenming.honors.tests.factories import CampaignFactory
    from wenming.honors.tests.test_view_console_setup import settings_of

    campaign = CampaignFactory(region=personas.county)
    return campaign, {**settings_of(campaign), "categories": categories}


def test_nul_in_campaign_list_settings_is_a_400(client, personas):
    campaign, data = _campaign_settings_with(personas, "助人为乐\n见义\x00勇为")
    client.force_login(personas.reviewer)
    assert _is_guard_page(client.post(reverse("honors:campaign_settings", args=[campaign.pk]), data))
    campaign.refresh_from_db()
    assert all("\x00" not in c for c in campaign.categories)


@override_settings(MIDDLEWARE=WITHOUT_GUARD)
def test_nul_in_campaign_list_settings_is_a_field_error_without_the_guard(client, personas):
    campaign, data = _campaign_settings_with(personas, "助人为乐\n见义\x00勇为")
    before = list(campaign.categories)
    client.force_login(personas.reviewer)
    response = client.post(reverse("honors:campaign_settings", args=[campaign.pk]), data)
    assert response.status_code == 200
    assert "含有无法保存的字符" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.categories == before


def test_nomination_abc_on_the_expert_scoring_form_is_refused_in_chinese(client, personas):
    from wenming.honors.models import PanelRound, Score
    from wenming.honors.tests.factories import CampaignFactory, ExpertFactory, NominationFactory

    campaign = CampaignFactory(region=personas.county)
    cand = NominationFactory(campaign=campaign)
    other = NominationFactory(campaign=CampaignFactory(region=personas.county))
    ExpertFactory(unit=personas.town2, user=personas.expert)
    client.force_login(personas.reviewer)
    deadline = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    client.post(reverse("honors:rounds", args=[campaign.pk]), {"panel_size": 1, "deadline": deadline})
    panel_round = PanelRound.objects.get()
    client.force_login(personas.expert)
    url = reverse("honors:expert_round", args=[panel_round.pk])
    for value in ("abc", "9" * 30, "-1", "", str(other.pk)):
        response = client.post(url, {"nomination": value, "score": "80"}, follow=True)
        assert response.status_code == 200, value
        html = response.content.decode()
        assert "候选人不在本轮评审名单中" in html or "请选择候选人" in html, value
    assert not Score.objects.exists()
    client.post(url, {"nomination": cand.pk, "score": "80"})
    assert Score.objects.get().nomination == cand
