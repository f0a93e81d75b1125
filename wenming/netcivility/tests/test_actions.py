"""Submitting once per WeChat account; opening and closing a survey."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError

from wenming.journal.models import DomainEvent
from wenming.netcivility import actions
from wenming.netcivility.choices import SurveyLevel, SurveyStatus
from wenming.netcivility.models import FollowSubmission, FollowSurvey

from .factories import FollowSurveyFactory, WechatUserFactory


@pytest.fixture
def survey(personas):
    return FollowSurveyFactory(region=personas.county)


def test_first_submission_is_stored_and_a_second_returns_the_first(personas, survey):
    person = WechatUserFactory()
    first, created = actions.submit(survey, person, personas.town)
    assert created and first.unit == personas.town and first.openid == person.openid
    again, created = actions.submit(survey, person, personas.dept)
    assert not created and again.pk == first.pk and again.unit == personas.town
    assert FollowSubmission.objects.count() == 1
    event = DomainEvent.objects.get(type="follow_survey")
    assert (event.person_id, event.unit_id, event.data["survey"]) == (person.pk, personas.town.pk, survey.pk)


def test_the_database_refuses_a_second_row_for_one_openid(personas, survey):
    person = WechatUserFactory()
    actions.submit(survey, person, personas.town)
    with pytest.raises(IntegrityError):
        FollowSubmission.objects.create(survey=survey, openid=person.openid, unit=personas.dept,
                                        submitted_at=survey.opened_at)


def test_same_openid_may_answer_another_survey(personas, survey):
    person = WechatUserFactory()
    other = FollowSurveyFactory(region=personas.county)
    actions.submit(survey, person, personas.town)
    _sub, created = actions.submit(other, person, personas.dept)
    assert created


def test_refusals(personas, survey):
    with pytest.raises(actions.SurveyError, match="微信"):
        actions.submit(survey, personas.citizen, personas.town)  # no openid: not a WeChat account
    with pytest.raises(actions.SurveyError, match="范围"):
        actions.submit(survey, WechatUserFactory(), personas.other_city)
    county_survey = FollowSurveyFactory(region=personas.city, level=SurveyLevel.COUNTY)
    with pytest.raises(actions.SurveyError, match="范围"):
        actions.submit(county_survey, WechatUserFactory(), personas.town)  # a town is not a county
    closed = FollowSurveyFactory(region=personas.county, status=SurveyStatus.DRAFT, opened_at=None)
    with pytest.raises(actions.SurveyError, match="未在进行中"):
        actions.submit(closed, WechatUserFactory(), personas.town)
    assert not FollowSubmission.objects.exists()


def test_levels_choose_the_units(personas):
    towns = FollowSurveyFactory(region=personas.county, level=SurveyLevel.TOWN_DEPARTMENT)
    counties = FollowSurveyFactory(region=personas.city, level=SurveyLevel.COUNTY)
    assert set(towns.choices()) == {personas.town, personas.town2, personas.dept}
    assert list(counties.choices()) == [personas.county]


def test_staff_open_and_close(personas):
    survey = actions.create_survey(title="2016 年度推广统计", region=personas.county,
                                   level=SurveyLevel.TOWN_DEPARTMENT, actor=personas.editor)
    assert survey.status == SurveyStatus.DRAFT
    survey = actions.open_survey(survey, actor=personas.editor)
    assert survey.status == SurveyStatus.OPEN and survey.opened_at
    with pytest.raises(actions.SurveyError):
        actions.open_survey(survey, actor=personas.editor)
    survey = actions.close_survey(survey, actor=personas.admin)
    assert survey.status == SurveyStatus.CLOSED and survey.closed_at
    with pytest.raises(actions.SurveyError):
        actions.close_survey(survey, actor=personas.admin)
    # A closed survey keeps its earlier submissions but takes no new ones.
    with pytest.raises(actions.SurveyError):
        actions.submit(survey, WechatUserFactory(), personas.town)


def test_citizens_may_not_manage_surveys(personas):
    with pytest.raises(PermissionDenied):
        actions.create_survey(title="x", region=personas.county, level=SurveyLevel.COUNTY, actor=personas.citizen)
    survey = FollowSurveyFactory(region=personas.county, status=SurveyStatus.DRAFT, opened_at=None)
    with pytest.raises(PermissionDenied):
        actions.open_survey(survey, actor=personas.liaison)
    assert FollowSurvey.objects.get(pk=survey.pk).status == SurveyStatus.DRAFT
