"""The survey page reached from the 考核 reply, the public live counts, and the staff console."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wenming.people.permissions import can
from wenming.wechat.conf import account
from wenming.wechat.services import oauth_login_url

from .. import actions
from ..choices import LIVE_REFRESH_SECONDS
from ..export import survey_workbook
from ..forms import SubmitForm, SurveyForm
from ..models import FollowSurvey
from ..queries import console_surveys, current_survey, managed_survey, ranked_counts, submission_of


@require_GET
def current(request):
    """The stable address the 考核 keyword links to."""
    survey = current_survey()
    if survey is None:
        return render(request, "netcivility/no_survey.html")
    return redirect("netcivility:survey", pk=survey.pk)


@require_http_methods(["GET", "POST"])
def survey(request, pk: int):
    """Pick one's region and submit, once per WeChat account; afterwards the earlier choice shows."""
    survey = get_object_or_404(FollowSurvey.objects.select_related("region"), pk=pk)
    person = request.user
    if not person.is_authenticated or not person.openid:
        # Only a WeChat identity can be counted once; send the person through WeChat login.
        if account().web_enabled:
            return redirect(oauth_login_url(request.get_full_path()))
        return render(request, "netcivility/survey_needs_wechat.html", {"survey": survey})
    earlier = submission_of(survey, person)
    form = None
    if earlier is None and survey.is_open:
        form = SubmitForm(request.POST if request.method == "POST" else None, survey=survey)
        if request.method == "POST" and form.is_valid():
            try:
                earlier, created = actions.submit(survey, person, form.cleaned_data["unit"])
            except actions.SurveyError as exc:
                messages.error(request, str(exc))
                return redirect("netcivility:survey", pk=survey.pk)
            if created:
                messages.success(request, _("提交成功，感谢参与！"))
            return redirect("netcivility:survey", pk=survey.pk)
    elif request.method == "POST":
        messages.info(request, _("每个微信号限参与一次，您已提交过。"))
        return redirect("netcivility:survey", pk=survey.pk)
    return render(request, "netcivility/survey.html", {"survey": survey, "form": form, "earlier": earlier})


@require_GET
def live(request, pk: int):
    """Public counts by region, ranked; the table refreshes itself without a page reload."""
    survey = get_object_or_404(FollowSurvey.objects.select_related("region"), pk=pk)
    ctx = {"survey": survey, "rows": ranked_counts(survey), "refresh": LIVE_REFRESH_SECONDS}
    if request.htmx:
        return render(request, "netcivility/_counts.html", ctx)
    return render(request, "netcivility/live.html", ctx)


def _staff_or_403(request):
    """The console is for those who manage surveys somewhere; each survey is then asked on its own."""
    if not can(request.user, "manage_survey"):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def console(request):
    _staff_or_403(request)
    form = SurveyForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        created = actions.create_survey(actor=request.user, **form.cleaned_data)
        messages.success(request, _("已创建：%(title)s") % {"title": created.title})
        return redirect("netcivility:console")
    return render(request, "netcivility/console.html", {"surveys": console_surveys(request.user), "form": form})


@login_required
@require_POST
def change_status(request, pk: int, verb: str):
    _staff_or_403(request)
    survey = managed_survey(request.user, pk)
    change = {"open": actions.open_survey, "close": actions.close_survey}.get(verb)
    if change is None:
        return HttpResponse(status=404)
    try:
        change(survey, actor=request.user)
    except actions.SurveyError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已开始统计") if verb == "open" else _("已结束统计"))
    return redirect("netcivility:console")


@login_required
@require_GET
def export(request, pk: int):
    _staff_or_403(request)
    survey = managed_survey(request.user, pk)
    response = HttpResponse(
        survey_workbook(survey), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="follow-survey-{survey.pk}.xlsx"'
    return response
