"""The only write paths of the follow-promotion survey."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.journal.actions import audit, record_event
from wenming.people.permissions import can

from ..choices import SurveyStatus
from ..models import FollowSubmission, FollowSurvey


class SurveyError(Exception):
    """A submission or a status change the survey's state does not allow (message in Chinese)."""


def _require(actor, obj) -> None:
    """Asked WITH the survey (or the region of a new one): an editor's scope is a subtree."""
    if not can(actor, "manage_survey", obj):
        raise PermissionDenied


@transaction.atomic
def create_survey(*, title: str, region, level: str, actor) -> FollowSurvey:
    """A new survey, not yet open; refused for a region outside the actor's scope."""
    _require(actor, region)
    survey = FollowSurvey.objects.create(title=title, region=region, level=level, created_by=actor)
    audit(actor, "netcivility.survey_created", survey, data={"region": region.pk, "level": level})
    return survey


@transaction.atomic
def open_survey(survey: FollowSurvey, *, actor) -> FollowSurvey:
    """Start (or resume) taking submissions."""
    survey = FollowSurvey.objects.select_for_update().select_related("region").get(pk=survey.pk)
    _require(actor, survey)
    if survey.status == SurveyStatus.OPEN:
        raise SurveyError(_("该统计已在进行中"))
    survey.status = SurveyStatus.OPEN
    survey.opened_at = survey.opened_at or timezone.now()
    survey.closed_at = None
    survey.save(update_fields=["status", "opened_at", "closed_at"])
    audit(actor, "netcivility.survey_opened", survey)
    return survey


@transaction.atomic
def close_survey(survey: FollowSurvey, *, actor) -> FollowSurvey:
    """Stop taking submissions; the counts stay public."""
    survey = FollowSurvey.objects.select_for_update().select_related("region").get(pk=survey.pk)
    _require(actor, survey)
    if survey.status != SurveyStatus.OPEN:
        raise SurveyError(_("只有进行中的统计可以结束"))
    survey.status = SurveyStatus.CLOSED
    survey.closed_at = timezone.now()
    survey.save(update_fields=["status", "closed_at"])
    audit(actor, "netcivility.survey_closed", survey)
    return survey


def submit(survey: FollowSurvey, person, unit) -> tuple[FollowSubmission, bool]:
    """Record ``person``'s region choice once; returns (the stored submission, created).

    A second submission, even one racing the first on another server, finds the first: the
    unique constraint on (survey, openid) refuses the duplicate and we read back the winner.
    """
    if not person.openid:
        raise SurveyError(_("请在微信中打开并授权后参与（每个微信号限参与一次）"))
    existing = FollowSubmission.objects.filter(survey=survey, openid=person.openid).select_related("unit").first()
    if existing is not None:
        return existing, False
    if not survey.is_open:
        raise SurveyError(_("该统计未在进行中"))
    if not survey.choices().filter(pk=unit.pk).exists():
        raise SurveyError(_("所选地区不在本次统计范围内"))
    try:
        with transaction.atomic():
            submission = FollowSubmission.objects.create(
                survey=survey, openid=person.openid, unit=unit, person=person, submitted_at=timezone.now()
            )
            audit(person, "netcivility.survey_submitted", submission, data={"survey": survey.pk, "unit": unit.pk})
            # The counted act itself, for the assessment of each region's follow promotion.
            record_event(
                key=f"web:follow_survey:{submission.pk}",
                type="follow_survey",
                at=submission.submitted_at,
                person=person,
                unit=unit,
                data={"survey": survey.pk, "unit": unit.name},
            )
    except IntegrityError:
        return FollowSubmission.objects.select_related("unit").get(survey=survey, openid=person.openid), False
    return submission, True
