"""The volunteer's pages on the phone: projects, sign-up, check-in, my hours, my teams, my record."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wenming.core.params import id_param
from wenming.core.periods import local_midnight

from .. import actions, checkin, hours, ledger, queries
from ..choices import LIVE_SIGNUP, ProjectStatus
from ..errors import VolunteeringError
from ..forms import CheckinForm, DisputeForm, ProjectFilterForm, RegisterForm
from ..models import Attendance, Organisation, Project, Session, Signup

REASONS = {
    hours.NO_END: _("未签退：组织者确认结束时间后计入"),
    hours.BACKFILL_PENDING: _("补录记录：上级组织审核通过后计入"),
    hours.CAP_PENDING: _("当日超过 8 小时的部分：待上级组织审核"),
    hours.CAP_APPROVED: _("当日超过 8 小时的部分：上级组织已审核计入"),
    hours.OVER_MAX: _("当日超过 12 小时的部分：不计入"),
}


def _volunteer_or_register(request):
    volunteer = queries.volunteer_of(request.user)
    if volunteer is None:
        messages.info(request, _("请先注册成为志愿者"))
    return volunteer


@require_GET
def projects(request):
    form = ProjectFilterForm(request.GET or None)
    now = timezone.now()
    sessions = Session.objects.filter(project__status=ProjectStatus.PUBLISHED, end__gte=now).select_related(
        "project", "project__team", "project__field", "project__district"
    )
    here = None
    if form.is_valid():
        data = form.cleaned_data
        if data.get("field"):
            sessions = sessions.filter(Q(project__field=data["field"]) | Q(project__field__parent=data["field"]))
        if data.get("district"):
            sessions = sessions.filter(project__district__path__startswith=data["district"].path)
        if data.get("day"):
            start = local_midnight(data["day"])
            sessions = sessions.filter(start__gte=start, start__lt=start + timedelta(days=1))
        if data.get("lat") is not None and data.get("lng") is not None:
            here = (data["lat"], data["lng"])
    rows = []
    for s in sessions.order_by("start")[:200]:
        distance = None
        if here and s.latitude is not None:
            distance = checkin.distance_m(here[0], here[1], s.latitude, s.longitude)
        rows.append({"session": s, "distance": distance})
    if here:
        rows.sort(key=lambda r: (r["distance"] is None, r["distance"] or 0))
    return render(request, "volunteering/projects.html", {"form": form, "rows": rows[:100], "near": bool(here)})


@require_GET
def project(request, pk: int):
    project = get_object_or_404(Project.objects.select_related("team", "field", "district"), pk=pk)
    sessions = list(project.sessions.filter(end__gte=timezone.now()).order_by("start"))
    volunteer = queries.volunteer_of(request.user)
    mine = {}
    if volunteer:
        mine = {s.session_id: s for s in Signup.objects.filter(volunteer=volunteer, session__in=sessions,
                                                               status__in=LIVE_SIGNUP)}
    for s in sessions:
        s.mine = mine.get(s.pk)
    return render(request, "volunteering/project.html", {"project": project, "sessions": sessions,
                                                        "volunteer": volunteer})


@login_required
@require_http_methods(["GET", "POST"])
def register(request):
    if queries.volunteer_of(request.user):
        return redirect("volunteering:me")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.register_volunteer(request.user, **data)
        except VolunteeringError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("注册成功，欢迎加入志愿服务！"))
            nxt = request.GET.get("next", "")
            safe = url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()})
            return redirect(nxt if nxt and safe else "volunteering:me")
    return render(request, "volunteering/register.html", {"form": form})


@login_required
@require_POST
def sign_up(request, pk: int):
    session = get_object_or_404(Session, pk=pk)
    volunteer = _volunteer_or_register(request)
    if volunteer is None:
        back = reverse("volunteering:project", args=[session.project_id])
        return redirect(f"{reverse('volunteering:register')}?{urlencode({'next': back})}")
    try:
        signup = actions.sign_up(volunteer, session)
    except VolunteeringError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("报名成功：%(status)s") % {"status": signup.get_status_display()})
    return redirect("volunteering:project", pk=session.project_id)


@login_required
@require_POST
def cancel(request, pk: int):
    signup = get_object_or_404(Signup.objects.select_related("session"), pk=pk)
    try:
        actions.cancel_signup(signup, actor=request.user)
    except VolunteeringError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已取消报名"))
    return redirect("volunteering:my_signups")


@login_required
@require_GET
def my_signups(request):
    volunteer = queries.volunteer_of(request.user)
    if volunteer is None:
        return redirect("volunteering:register")
    signups = (Signup.objects.filter(volunteer=volunteer).select_related("session__project")
               .order_by("-session__start"))
    return render(request, "volunteering/my_signups.html", {"signups": signups, "live": LIVE_SIGNUP})


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request, pk: int):
    session = get_object_or_404(Session.objects.select_related("project"), pk=pk)
    volunteer = queries.volunteer_of(request.user)
    if volunteer is None:
        return redirect("volunteering:register")
    form = CheckinForm(request.POST or None, initial={"token": request.GET.get("t", "")[:200]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        geo = {"latitude": data.get("latitude"), "longitude": data.get("longitude")}
        try:
            if data.get("token"):
                record, outcome = actions.check_in_by_token(volunteer, session, data["token"], **geo)
            else:
                record, outcome = actions.check_in_by_code(volunteer, session, data["code"], **geo)
        except VolunteeringError as exc:
            messages.error(request, exc.message)
        else:
            text = {
                "checked_in": _("签到成功：%(t)s") % {"t": timezone.localtime(record.check_in).strftime("%H:%M")},
                "checked_out": _("签退成功，本次服务 %(h)s 小时") % {"h": record.hours},
                "duplicate": _("已记录，无需重复扫码"),
            }[outcome]
            messages.success(request, text)
        return redirect("volunteering:check_in", pk=session.pk)
    record = Attendance.objects.filter(volunteer=volunteer, session=session).first()
    return render(request, "volunteering/check_in.html", {"session": session, "form": form, "record": record,
                                                         "wechat": _wechat_scanner(request)})


def _wechat_scanner(request) -> dict | None:
    """``wx.config`` for the JS-SDK scanner when the page is open inside WeChat with the account set up."""
    from wenming.wechat.conf import account, in_wechat
    from wenming.wechat.sdk import WechatError
    from wenming.wechat.services import JSSDK_SCRIPT, jssdk_config

    if not account().web_enabled or not in_wechat(request):
        return None
    try:
        config = jssdk_config(request.build_absolute_uri())
    except WechatError:
        return None  # WeChat unreachable: the camera scanner and the code still work
    return {"config": config, "script": JSSDK_SCRIPT} if config else None


@login_required
@require_GET
def me(request):
    """The volunteer's record (志愿者记录): basic information, service, training, awards, evaluations."""
    volunteer = queries.volunteer_of(request.user)
    if volunteer is None:
        return redirect("volunteering:register")
    counted = queries.counted_hours(volunteer)
    context = {
        "v": volunteer,
        "counted": counted,
        "pending": queries.pending_hours(volunteer),
        "stars": queries.star_level(counted),
        "star_awards": volunteer.stars.all(),
        "service": Attendance.objects.filter(volunteer=volunteer).select_related("session__project__team")
        .order_by("-check_in")[:20],
        "trainings": volunteer.trainingrecords.all(),
        "awards": volunteer.awardrecords.all(),
        "evaluations": volunteer.evaluationrecords.all(),
        "teams": queries.my_teams(volunteer),
    }
    return render(request, "volunteering/me.html", context)


@login_required
@require_GET
def my_hours(request):
    volunteer = queries.volunteer_of(request.user)
    if volunteer is None:
        return redirect("volunteering:register")
    records = list(Attendance.objects.filter(volunteer=volunteer).select_related("session__project__team")
                   .prefetch_related(Prefetch("disputes")).order_by("-check_in"))
    splits = ledger.explain(volunteer, records)
    for r in records:
        s = splits.get(r.pk)
        r.split = s
        r.explained = [REASONS[x] for x in (s.reasons if s else ())]
    counted = queries.counted_hours(volunteer)
    year = timezone.localdate().year
    return render(request, "volunteering/my_hours.html", {
        "records": records, "counted": counted, "pending": queries.pending_hours(volunteer),
        "stars": queries.star_level(counted), "year": year, "year_hours": queries.counted_hours(volunteer, year=year),
        "minimum": queries.rules_mod.current().yearly_minimum, "dispute_form": DisputeForm(),
    })


@login_required
@require_POST
def dispute(request, pk: int):
    record = get_object_or_404(Attendance.objects.select_related("volunteer"), pk=pk)
    form = DisputeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写异议内容"))
    else:
        try:
            actions.open_dispute(record, user=request.user, text=form.cleaned_data["text"])
        except VolunteeringError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("异议已提交，组织者答复后会显示在记录上"))
    return redirect("volunteering:my_hours")


@login_required
@require_http_methods(["GET", "POST"])
def my_teams(request):
    volunteer = queries.volunteer_of(request.user)
    if volunteer is None:
        return redirect("volunteering:register")
    if request.method == "POST":
        team = get_object_or_404(Organisation, pk=id_param(request.POST.get("team")), is_active=True)
        try:
            m = actions.join_team(volunteer, team)
        except VolunteeringError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已加入：%(t)s") % {"t": team.name} if m.status == "active"
                             else _("已申请加入 %(t)s，等待队伍审核") % {"t": team.name})
        return redirect("volunteering:my_teams")
    mine = list(queries.my_teams(volunteer))
    joined = {m.organisation_id for m in mine}
    others = Organisation.objects.filter(is_active=True).exclude(pk__in=joined).select_related("parent")[:100]
    return render(request, "volunteering/my_teams.html", {"mine": mine, "others": others})
