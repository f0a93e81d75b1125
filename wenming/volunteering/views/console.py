"""The staff console: teams and members, projects and sessions, attendance, approvals, disputes, exports."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wenming.core.params import id_param, id_params
from wenming.people.permissions import is_admin

from .. import actions, checkin, exports, ledger, queries
from ..choices import DisputeStatus, MembershipStatus, SignupStatus
from ..errors import VolunteeringError
from ..forms import (
    AnswerForm,
    BackfillForm,
    ConfirmForm,
    OrgForm,
    PeriodForm,
    ProjectForm,
    ReasonForm,
    SessionForm,
    UploadForm,
)
from ..models import (
    Attendance,
    Dispute,
    Membership,
    Organisation,
    Project,
    ServiceField,
    Session,
    Signup,
    Volunteer,
)


def _staff(request) -> set[int]:
    if not queries.is_staff_of_any(request.user):
        raise PermissionDenied
    return queries.managed_org_ids(request.user)


def _managed(request, org) -> None:
    if not queries.can_manage(request.user, org):
        raise PermissionDenied


def _fail(request, exc: VolunteeringError):
    messages.error(request, exc.message)


@login_required
@require_GET
def console(request):
    ids = _staff(request)
    teams = (Organisation.objects.filter(pk__in=ids).select_related("parent")
             .annotate(members=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE)),
                       waiting=Count("memberships", filter=Q(memberships__status=MembershipStatus.PENDING))))
    year = timezone.localdate().year
    context = {
        "teams": teams,
        "projects": Project.objects.filter(team_id__in=ids).select_related("team").annotate(n=Count("sessions"))[:50],
        "queue": len(_pending_days(request.user, ids)) + _pending_backfills(request.user, ids).count(),
        "disputes": Dispute.objects.filter(status=DisputeStatus.OPEN, attendance__session__project__team_id__in=ids).count(),
        "low": queries.low_hours(year, org_ids=ids)[:50],
        "year": year,
        "org_form": OrgForm(),
        "is_admin": is_admin(request.user),
    }
    return render(request, "volunteering/console/index.html", context)


@login_required
@require_POST
def org_new(request):
    _staff(request)
    parent = None
    if request.POST.get("parent"):
        parent = get_object_or_404(Organisation, pk=id_param(request.POST["parent"]))
    form = OrgForm(request.POST)
    if form.is_valid():
        try:
            org = actions.create_organisation(actor=request.user, parent=parent, **form.cleaned_data)
        except VolunteeringError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("已创建：%(n)s") % {"n": org.name})
    return redirect("volunteering:team", pk=parent.pk) if parent else redirect("volunteering:console")


@login_required
@require_GET
def team(request, pk: int):
    org = get_object_or_404(Organisation.objects.select_related("parent", "unit"), pk=pk)
    _managed(request, org)
    members = Membership.objects.filter(organisation=org).select_related("volunteer").order_by("status", "id")
    return render(request, "volunteering/console/team.html", {
        "org": org, "members": members, "children": org.children.all(), "projects": org.projects.all(),
        "org_form": OrgForm(), "project_form": ProjectForm(),
        "low": queries.low_hours(timezone.localdate().year, org_ids={org.pk}),
    })


@login_required
@require_POST
def membership(request, pk: int, verdict: str):
    m = get_object_or_404(Membership.objects.select_related("organisation"), pk=pk)
    try:
        actions.decide_membership(m, actor=request.user, approve=verdict == "approve")
    except VolunteeringError as exc:
        _fail(request, exc)
    return redirect("volunteering:team", pk=m.organisation_id)


@login_required
@require_POST
def project_new(request, pk: int):
    org = get_object_or_404(Organisation, pk=pk)
    form = ProjectForm(request.POST)
    if form.is_valid():
        try:
            p = actions.publish_project(team=org, actor=request.user, **form.cleaned_data)
        except VolunteeringError as exc:
            _fail(request, exc)
        else:
            return redirect("volunteering:console_project", pk=p.pk)
    else:
        messages.error(request, _("请检查项目信息：%(e)s") % {"e": "; ".join(m for ms in form.errors.values() for m in ms)})
    return redirect("volunteering:team", pk=org.pk)


@login_required
@require_http_methods(["GET", "POST"])
def console_project(request, pk: int):
    project = get_object_or_404(Project.objects.select_related("team"), pk=pk)
    _managed(request, project.team)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_session(project, actor=request.user, **form.cleaned_data)
        except VolunteeringError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("已添加场次"))
            return redirect("volunteering:console_project", pk=project.pk)
    sessions = project.sessions.annotate(
        approved=Count("signups", filter=Q(signups__status=SignupStatus.APPROVED)),
        waiting=Count("signups", filter=Q(signups__status=SignupStatus.WAITLISTED)),
        present=Count("attendance", distinct=True),
    )
    return render(request, "volunteering/console/project.html", {"project": project, "sessions": sessions, "form": form})


@login_required
@require_GET
def console_session(request, pk: int):
    session = get_object_or_404(Session.objects.select_related("project__team"), pk=pk)
    _managed(request, session.project.team)
    return render(request, "volunteering/console/session.html", {
        "session": session,
        "signups": session.signups.select_related("volunteer").order_by("status", "created_at"),
        "records": session.attendance.select_related("volunteer").prefetch_related("disputes").order_by("check_in"),
        "confirm_form": ConfirmForm(), "backfill_form": BackfillForm(),
    })


@login_required
@require_POST
def signup_decide(request, pk: int, verdict: str):
    signup = get_object_or_404(Signup.objects.select_related("session"), pk=pk)
    try:
        actions.decide_signup(signup, actor=request.user, approve=verdict == "approve")
    except VolunteeringError as exc:
        _fail(request, exc)
    return redirect("volunteering:console_session", pk=signup.session_id)


@login_required
@require_POST
def confirm(request, pk: int):
    session = get_object_or_404(Session.objects.select_related("project__team"), pk=pk)
    _managed(request, session.project.team)
    form = ConfirmForm(request.POST)
    ids = id_params(request.POST.getlist("record"))
    records = list(session.attendance.filter(pk__in=ids))
    if not records:
        messages.error(request, _("请先勾选要确认的记录"))
    elif form.is_valid():
        try:
            n = actions.confirm_attendance(records, actor=request.user, end=form.cleaned_data.get("end"))
        except VolunteeringError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("已确认 %(n)d 条考勤记录") % {"n": n})
    return redirect("volunteering:console_session", pk=session.pk)


@login_required
@require_POST
def backfill(request, pk: int):
    session = get_object_or_404(Session.objects.select_related("project__team"), pk=pk)
    form = BackfillForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        volunteer = Volunteer.objects.filter(number=data["volunteer_number"].strip()).first()
        if volunteer is None:
            messages.error(request, _("没有该编号的志愿者"))
        else:
            try:
                actions.backfill(volunteer, session, actor=request.user, check_in=data["check_in"],
                                 check_out=data["check_out"], reason=data["reason"])
            except VolunteeringError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("已补录，待上级组织审核"))
    else:
        messages.error(request, _("请完整填写补录信息"))
    return redirect("volunteering:console_session", pk=session.pk)


@login_required
@require_GET
def session_code(request, pk: int):
    """The organiser's phone: a QR code and a 6-digit code, both changing every 30 s."""
    session = get_object_or_404(Session.objects.select_related("project__team"), pk=pk)
    _managed(request, session.project.team)
    return render(request, "volunteering/console/code.html", {"session": session, "creds": checkin.current(session)})


@login_required
@require_GET
def session_code_json(request, pk: int):
    session = get_object_or_404(Session.objects.select_related("project__team"), pk=pk)
    _managed(request, session.project.team)
    creds = checkin.current(session)
    url = request.build_absolute_uri(f"/volunteering/sessions/{session.pk}/check-in/?t={creds.token}")
    return JsonResponse({"token": creds.token, "code": creds.code, "expires_in": creds.expires_in, "url": url},
                        headers={"Cache-Control": "no-store"})


def _pending_days(user, ids):
    """(volunteer, day, hours) of days with hours past the cap that ``user`` may approve."""
    records = (Attendance.objects.filter(session__project__team_id__in=ids, ledger__status="pending")
               .select_related("volunteer", "session__project__team").distinct())
    seen, out = set(), []
    for r in records:
        key = (r.volunteer_id, r.day)
        if key in seen or (r.is_backfill and r.backfill_approved_at is None):
            continue
        seen.add(key)
        day_records = list(Attendance.objects.filter(volunteer_id=r.volunteer_id, day=r.day).select_related("session"))
        splits = ledger.explain(r.volunteer, day_records)
        amount = sum((s.cap_pending for s in splits.values()), ledger.engine.ZERO)
        if amount and queries.can_approve_for(user, r.session.project.team):
            out.append({"volunteer": r.volunteer, "day": r.day, "hours": amount})
    return out


def _pending_backfills(user, ids):
    qs = Attendance.objects.filter(session__project__team_id__in=ids, source="backfill", backfill_approved_at__isnull=True)
    allowed = [r.pk for r in qs.select_related("session__project__team")
               if queries.can_approve_for(user, r.session.project.team)]
    return Attendance.objects.filter(pk__in=allowed).select_related("volunteer", "session__project", "created_by")


@login_required
@require_GET
def approvals(request):
    ids = _staff(request)
    return render(request, "volunteering/console/approvals.html", {
        "days": _pending_days(request.user, ids), "backfills": _pending_backfills(request.user, ids),
    })


@login_required
@require_POST
def approve_day(request, pk: int, day: str):
    volunteer = get_object_or_404(Volunteer, pk=pk)
    try:
        actions.approve_day(volunteer, date.fromisoformat(day), actor=request.user)
    except (VolunteeringError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", _("日期无效")))
    else:
        messages.success(request, _("已审核通过"))
    return redirect("volunteering:approvals")


@login_required
@require_POST
def approve_backfill(request, pk: int):
    record = get_object_or_404(Attendance, pk=pk)
    try:
        actions.approve_backfill(record, actor=request.user)
    except VolunteeringError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("补录已审核通过"))
    return redirect("volunteering:approvals")


@login_required
@require_http_methods(["GET", "POST"])
def disputes(request):
    ids = _staff(request)
    if request.method == "POST":
        d = get_object_or_404(Dispute, pk=id_param(request.POST.get("dispute")))
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                actions.answer_dispute(d, actor=request.user, **form.cleaned_data)
            except VolunteeringError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("已答复"))
        else:
            messages.error(request, _("请填写答复"))
        return redirect("volunteering:disputes")
    qs = (Dispute.objects.filter(attendance__session__project__team_id__in=ids)
          .select_related("attendance__volunteer", "attendance__session__project").order_by("status", "-created_at"))
    return render(request, "volunteering/console/disputes.html", {"disputes": qs[:200], "form": AnswerForm()})


@login_required
@require_http_methods(["GET", "POST"])
def volunteer(request, pk: int):
    _staff(request)
    v = get_object_or_404(Volunteer, pk=pk)
    full = None
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            full = actions.reveal_id_number(v, actor=request.user, reason=form.cleaned_data["reason"])
        except VolunteeringError as exc:
            form.add_error(None, exc.message)
    return render(request, "volunteering/console/volunteer.html", {
        "v": v, "full": full, "form": form, "counted": queries.counted_hours(v), "teams": queries.my_teams(v),
    })


@login_required
@require_GET
def export(request):
    ids = _staff(request)
    form = PeriodForm(request.GET or None)
    if not form.is_valid():
        return render(request, "volunteering/console/export.html", {"form": form})
    cd = form.cleaned_data
    try:
        data = exports.hours_xlsx(cd["start"], cd["end"], org_ids=ids, actor=request.user, full_ids=cd["full_ids"],
                                  reason=cd.get("reason") or "")
    except VolunteeringError as exc:
        form.add_error(None, exc.message)
        return render(request, "volunteering/console/export.html", {"form": form})
    name = f"volunteer-hours-{form.cleaned_data['start']}-{form.cleaned_data['end']}.xlsx"
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def fields(request):
    if not is_admin(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            errors = [(0, _("文件太大（最大 5 MB）"))]
        else:
            created, errors = actions.import_fields_xlsx(upload.read(), actor=request.user)
            if not errors:
                messages.success(request, _("导入完成，新增 %(n)d 项") % {"n": created})
                return redirect("volunteering:fields")
    if request.GET.get("download"):
        response = HttpResponse(actions.export_fields_xlsx(),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = 'attachment; filename="service-fields.xlsx"'
        return response
    tops = ServiceField.objects.filter(parent__isnull=True).prefetch_related("children")
    return render(request, "volunteering/console/fields.html", {"tops": tops, "form": form, "errors": errors})
