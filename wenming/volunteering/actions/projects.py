"""Projects, sessions and sign-ups: approval, the waitlist and its automatic promotion, cancellation.

Every sign-up change locks the session row first (``select_for_update``), so the count of places
held and the promotion from the waitlist are decided one at a time per session, on any number of
app servers.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.journal.actions import audit

from .. import queries
from ..choices import HOLDING_SIGNUP, LIVE_SIGNUP, ProjectStatus, SignupStatus
from ..errors import VolunteeringError
from ..models import Project, Session, Signup


def _need_manage(actor, team):
    if not queries.can_manage(actor, team):
        raise VolunteeringError(_("您没有管理该组织的权限"))


@transaction.atomic
def publish_project(*, team, actor, title: str, **fields) -> Project:
    """A team publishes a project (field, description, place, recruitment terms)."""
    _need_manage(actor, team)
    title = (title or "").strip()
    if not title:
        raise VolunteeringError(_("请填写项目名称"))
    if fields.get("slots") is not None and int(fields["slots"]) < 1:
        raise VolunteeringError(_("招募人数至少为 1"))
    try:
        with transaction.atomic():
            project = Project.objects.create(team=team, title=title[:200], created_by=actor, **fields)
    except IntegrityError:
        raise VolunteeringError(_("本组织已有同名项目：%(title)s") % {"title": title}) from None
    audit(actor, "volunteering.publish_project", project)
    return project


def _coords(latitude, longitude, radius_m):
    if (latitude is None) != (longitude is None):
        raise VolunteeringError(_("经纬度须同时填写"))
    if latitude is not None:
        latitude, longitude = Decimal(str(latitude)), Decimal(str(longitude))
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise VolunteeringError(_("经纬度超出范围"))
    return latitude, longitude, radius_m


@transaction.atomic
def add_session(project: Project, *, actor, start, end, place: str = "", latitude=None, longitude=None,
                radius_m=None, slots=None, external_id=None) -> Session:
    _need_manage(actor, project.team)
    if start is None or end is None or end <= start:
        raise VolunteeringError(_("结束时间须晚于开始时间"))
    latitude, longitude, radius_m = _coords(latitude, longitude, radius_m)
    session = Session.objects.create(
        project=project, start=start, end=end, place=(place or project.place)[:200], latitude=latitude,
        longitude=longitude, radius_m=radius_m, slots=slots, external_id=external_id,
    )
    audit(actor, "volunteering.add_session", session)
    return session


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _lock(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("project", "project__team").get(pk=session.pk)


def _held(session: Session) -> int:
    return Signup.objects.filter(session=session, status__in=HOLDING_SIGNUP).count()


@transaction.atomic
def sign_up(volunteer, session: Session, *, now=None) -> Signup:
    """Sign up: pending approval (or approved at once), or on the waitlist when the places are taken."""
    now = now or timezone.now()
    session = _lock(session)
    project = session.project
    if project.status != ProjectStatus.PUBLISHED:
        raise VolunteeringError(_("该项目未在招募"))
    if session.start <= now:
        raise VolunteeringError(_("该场次已开始，不能报名"))
    if project.min_age and volunteer.birth_date and _age(volunteer.birth_date, session.start.date()) < project.min_age:
        raise VolunteeringError(_("本项目要求年满 %(age)d 周岁") % {"age": project.min_age})
    if Signup.objects.filter(volunteer=volunteer, session=session, status__in=LIVE_SIGNUP).exists():
        raise VolunteeringError(_("您已报名该场次"))
    if _held(session) >= session.capacity:
        status = SignupStatus.WAITLISTED
    else:
        status = SignupStatus.PENDING if project.needs_approval else SignupStatus.APPROVED
    signup = Signup.objects.create(volunteer=volunteer, session=session, status=status)
    audit(volunteer.user, "volunteering.sign_up", signup, data={"status": status})
    return signup


def _promote(session: Session, actor) -> Signup | None:
    """Give a freed place to the earliest waitlisted sign-up (the session row is locked by the caller)."""
    if _held(session) >= session.capacity:
        return None
    nxt = (
        Signup.objects.select_for_update()
        .filter(session=session, status=SignupStatus.WAITLISTED)
        .order_by("created_at", "id")
        .first()
    )
    if nxt is None:
        return None
    nxt.status = SignupStatus.PENDING if session.project.needs_approval else SignupStatus.APPROVED
    nxt.decided_at = timezone.now()
    nxt.save(update_fields=["status", "decided_at"])
    audit(actor, "volunteering.promote", nxt, data={"status": nxt.status})
    return nxt


@transaction.atomic
def decide_signup(signup: Signup, *, actor, approve: bool) -> Signup:
    session = _lock(signup.session)
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    _need_manage(actor, session.project.team)
    if signup.status != SignupStatus.PENDING:
        raise VolunteeringError(_("该报名已处理"))
    signup.status = SignupStatus.APPROVED if approve else SignupStatus.REJECTED
    signup.decided_at, signup.decided_by = timezone.now(), actor
    signup.save(update_fields=["status", "decided_at", "decided_by"])
    audit(actor, "volunteering.decide_signup", signup, data={"approve": approve})
    if not approve:
        _promote(session, actor)
    return signup


@transaction.atomic
def cancel_signup(signup: Signup, *, actor, now=None) -> Signup:
    """Cancel before the project's deadline (organisers may cancel any time); the waitlist moves up."""
    now = now or timezone.now()
    session = _lock(signup.session)
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    organiser = queries.can_manage(actor, session.project.team)
    if signup.volunteer.user_id != getattr(actor, "pk", None) and not organiser:
        raise VolunteeringError(_("您不能取消他人的报名"))
    if signup.status not in LIVE_SIGNUP:
        raise VolunteeringError(_("该报名已取消或未录用"))
    deadline = session.start - timedelta(hours=session.project.cancel_hours)
    if not organiser and now > deadline:
        raise VolunteeringError(
            _("已过取消截止时间（%(deadline)s）") % {"deadline": timezone.localtime(deadline).strftime("%Y-%m-%d %H:%M")}
        )
    held = signup.status in HOLDING_SIGNUP
    signup.status, signup.decided_at, signup.decided_by = SignupStatus.CANCELLED, now, actor
    signup.save(update_fields=["status", "decided_at", "decided_by"])
    audit(actor, "volunteering.cancel_signup", signup)
    if held:
        _promote(session, actor)
    return signup
