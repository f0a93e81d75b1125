"""Reads for the survey pages: counts ranked by region, the current survey, a person's answer."""

from django.db.models import Count
from django.shortcuts import get_object_or_404

from wenming.people.permissions import scope_units

from ..choices import SurveyStatus
from ..models import FollowSubmission, FollowSurvey


def current_survey() -> FollowSurvey | None:
    """The survey the 考核 reply leads to: the latest open one, else the latest closed one."""
    for status in (SurveyStatus.OPEN, SurveyStatus.CLOSED):
        survey = FollowSurvey.objects.filter(status=status).order_by("-opened_at", "-id").first()
        if survey is not None:
            return survey
    return None


def ranked_counts(survey: FollowSurvey) -> list[dict]:
    """Every region the survey offers with its count, most first; ties share a rank."""
    counts = dict(
        FollowSubmission.objects.filter(survey=survey).values("unit_id").annotate(n=Count("id")).values_list("unit_id", "n")
    )
    rows = [{"unit": unit, "count": counts.get(unit.pk, 0)} for unit in survey.choices()]
    rows.sort(key=lambda row: -row["count"])  # stable: equal counts keep the tree's order
    rank, previous = 0, None
    for index, row in enumerate(rows, 1):
        if row["count"] != previous:
            rank, previous = index, row["count"]
        row["rank"] = rank
    return rows


def submission_of(survey: FollowSurvey, person) -> FollowSubmission | None:
    if not getattr(person, "openid", None):
        return None
    return FollowSubmission.objects.filter(survey=survey, openid=person.openid).select_related("unit").first()


def console_surveys(user):
    """The surveys ``user`` may manage: those whose region lies in the user's scope."""
    return (
        FollowSurvey.objects.filter(region__in=scope_units(user, "manage_survey"))
        .select_related("region")
        .annotate(total=Count("submissions"))
    )


def managed_survey(user, pk: int) -> FollowSurvey:
    """One survey ``user`` may manage; another region's survey is "not found", never shown."""
    return get_object_or_404(console_surveys(user), pk=pk)
