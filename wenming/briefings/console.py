"""The staff console: the review queue, composing an issue, sign-off, publishing, statistics."""

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wenming.core.periods import SHANGHAI
from wenming.orgs.choices import UnitKind
from wenming.orgs.models import Unit
from wenming.people.permissions import can, scope_units

from . import actions
from .choices import BriefingStatus, ManuscriptStatus, SectionKind
from .export import report_workbook
from .forms import (
    AdoptForm,
    BriefingForm,
    HigherLevelForm,
    RefuseForm,
    SectionForm,
    YearForm,
    new_briefing_initial,
)
from .models import Adoption, Manuscript, Section
from .queries import (
    adoption_report,
    adoption_report_for_year,
    editable_briefings,
    period_bounds,
    review_queue,
)


def _staff(request) -> None:
    if not (can(request.user, "moderate") or can(request.user, "review")):
        raise PermissionDenied


def _issuing_unit(user) -> Unit | None:
    """The office an editor issues briefings for: the highest region in their scope."""
    return scope_units(user, "moderate").filter(kind__in=[UnitKind.PROVINCE, UnitKind.CITY, UnitKind.COUNTY]).order_by(
        "path").first()


@login_required
@require_GET
def console(request):
    _staff(request)
    status = request.GET.get("status") or ManuscriptStatus.SUBMITTED
    if status not in ManuscriptStatus.values:
        status = ManuscriptStatus.SUBMITTED
    queue = review_queue(request.user, status)[:200]
    return render(request, "briefings/console.html", {
        "queue": queue, "status": status, "statuses": ManuscriptStatus.choices,
        "briefings": editable_briefings(request.user)[:30], "form": BriefingForm(initial=new_briefing_initial()),
    })


@login_required
@require_GET
def manuscript(request, pk: int):
    _staff(request)
    m = get_object_or_404(review_queue(request.user).prefetch_related("attachments"), pk=pk)
    sections = Section.objects.filter(
        briefing__in=editable_briefings(request.user).exclude(status=BriefingStatus.PUBLISHED),
        kind=SectionKind.ARTICLES).select_related("briefing").order_by("-briefing__year", "-briefing__number", "position")
    return render(request, "briefings/console_manuscript.html", {
        "m": m, "adoptions": m.adoptions.select_related("briefing", "section"),
        "adopt_form": AdoptForm(sections=sections), "refuse_form": RefuseForm(), "higher_form": HigherLevelForm(),
    })


@login_required
@require_POST
def manuscript_act(request, pk: int, verb: str):
    _staff(request)
    m = get_object_or_404(Manuscript, pk=pk)
    try:
        if verb == "review":
            actions.start_review(m, actor=request.user)
            messages.success(request, _("已开始审稿"))
        elif verb == "adopt":
            sections = Section.objects.filter(briefing__in=editable_briefings(request.user))
            form = AdoptForm(request.POST, sections=sections)
            if not form.is_valid():
                raise actions.BriefingError(_("请选择要录用到的简报栏目"))
            section = form.cleaned_data["section"]
            actions.adopt(m, section.briefing, section, actor=request.user)
            messages.success(request, _("已录用到%(issue)s") % {"issue": section.briefing})
        elif verb == "refuse":
            form = RefuseForm(request.POST)
            actions.not_adopt(m, actor=request.user, reason=form.data.get("reason", ""))
            messages.success(request, _("已标记为未录用，投稿人可看到原因"))
        elif verb == "higher":
            form = HigherLevelForm(request.POST)
            if not form.is_valid():
                raise actions.BriefingError(_("请填写采用级别、采用单位和日期"))
            at = datetime.combine(form.cleaned_data["on"], time(12, 0), tzinfo=SHANGHAI)
            actions.adopt_at_level(m, form.cleaned_data["level"], actor=request.user, at=at,
                                   outlet=form.cleaned_data["outlet"])
            messages.success(request, _("已登记更高级别的采用"))
        else:
            raise Http404
    except actions.BriefingError as exc:
        messages.error(request, str(exc))
    return redirect("briefings:console_manuscript", pk=m.pk)


@login_required
@require_POST
def issue_create(request):
    _staff(request)
    form = BriefingForm(request.POST)
    unit = _issuing_unit(request.user)
    if unit is None:
        raise PermissionDenied
    if form.is_valid():
        try:
            briefing = actions.create_briefing(actor=request.user, unit=unit, **form.cleaned_data)
        except actions.BriefingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("已新建%(issue)s") % {"issue": briefing})
            return redirect("briefings:console_issue", pk=briefing.pk)
    else:
        messages.error(request, _("请检查简报信息：%(errors)s") % {
            "errors": "；".join(f"{form.fields[f].label if f in form.fields else ''}{' '.join(e)}" for f, e in form.errors.items())})
    return redirect("briefings:console")


@login_required
@require_http_methods(["GET", "POST"])
def issue(request, pk: int):
    """Compose an issue: its fields, its sections and placed pieces in order, sign-off and publishing."""
    _staff(request)
    briefing = get_object_or_404(editable_briefings(request.user), pk=pk)
    form = BriefingForm(request.POST or None, instance=briefing if request.method == "GET" else None,
                        initial=None)
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.update_briefing(briefing, actor=request.user, **form.cleaned_data)
            except actions.BriefingError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("已保存"))
                return redirect("briefings:console_issue", pk=briefing.pk)
    sections = []
    for section in briefing.sections.order_by("position"):
        placed = section.placements.select_related("manuscript__region").order_by("position")
        sections.append((section, placed))
    start, end = period_bounds(briefing.date.replace(month=1, day=1), briefing.date)
    return render(request, "briefings/console_issue.html", {
        "b": briefing, "form": form, "sections": sections, "section_form": SectionForm(),
        "report": adoption_report(start, end),
        "can_sign": can(request.user, "review", briefing), "can_edit": can(request.user, "moderate", briefing),
    })


@login_required
@require_POST
def issue_act(request, pk: int, verb: str, adoption: int | None = None):
    _staff(request)
    briefing = get_object_or_404(editable_briefings(request.user), pk=pk)
    try:
        if verb == "sign_off":
            actions.sign_off(briefing, actor=request.user)
            messages.success(request, _("已签发"))
        elif verb == "publish":
            actions.publish(briefing, actor=request.user)
            messages.success(request, _("已印发，PDF 和 Word 文件已生成"))
        elif verb == "section":
            form = SectionForm(request.POST)
            if not form.is_valid():
                raise actions.BriefingError(_("请填写栏目名称"))
            actions.add_section(briefing, actor=request.user, **form.cleaned_data)
        elif verb in ("up", "down", "remove") and adoption:
            placed = get_object_or_404(Adoption, pk=adoption, briefing=briefing)
            if verb == "remove":
                actions.remove_placement(placed, actor=request.user)
            else:
                actions.move_placement(placed, actor=request.user, delta=-1 if verb == "up" else 1)
        else:
            raise Http404
    except actions.BriefingError as exc:
        messages.error(request, str(exc))
    return redirect("briefings:console_issue", pk=briefing.pk)


def _period(request):
    """(start, end, label) from ?year= or ?start=&end= (Shanghai days)."""
    try:
        start = datetime.strptime(request.GET.get("start", ""), "%Y-%m-%d").date()
        end = datetime.strptime(request.GET.get("end", ""), "%Y-%m-%d").date()
    except ValueError:
        start = end = None
    if start and end and start <= end:
        lo, hi = period_bounds(start, end)
        return adoption_report(lo, hi), _("%(start)s 至 %(end)s 稿件采用情况统计") % {"start": start, "end": end}, None
    year = YearForm(request.GET).chosen_year()
    return adoption_report_for_year(year), _("%(year)s 年稿件采用情况统计") % {"year": year}, year


@login_required
@require_GET
def stats(request):
    _staff(request)
    report, title, year = _period(request)
    return render(request, "briefings/console_stats.html", {
        "report": report, "ranked": report.ranked(), "title": title, "year": year, "query": request.GET.urlencode(),
    })


@login_required
@require_GET
def stats_xlsx(request):
    _staff(request)
    report, title, _year = _period(request)
    response = HttpResponse(report_workbook(report, title),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="adoption.xlsx"'
    return response
