"""Assessment pages: the staff bulletin console, published bulletins, each unit's public rank,
a liaison's live standing, and the Luoyang report and quality-score forms. Thin: forms validate,
actions write, queries decide who sees what."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenming.core.periods import Month
from wenming.orgs.models import Unit
from wenming.points.queries import is_frozen

from . import actions, bulletins, queries
from .forms import BulletinForm, MaterialForm, QualityScoreForm
from .models import Bulletin, Material, Scheme

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _file_response(data: dict, fmt: str, filename: str, *, version=None) -> HttpResponse:
    if fmt == "xlsx":
        content = bulletins.render_xlsx(data, version=version)
    else:
        content = bulletins.render_pdf(data, version=version)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _console_scheme(request, slug):
    schemes = queries.console_schemes(request.user)
    if not schemes:
        raise PermissionDenied
    scheme = next((s for s in schemes if s.slug == slug), None) if slug else schemes[0]
    if scheme is None:
        raise Http404(_("没有该方案"))
    return scheme, schemes


@login_required
def console(request):
    """The month's live bulletin for staff, its files, publishing and the published versions."""
    form = BulletinForm(request.GET or None)
    slug, month = None, queries.default_month()
    if request.GET and form.is_valid():
        slug, month = form.cleaned_data["scheme"], form.cleaned_data["month"] or month
    scheme, schemes = _console_scheme(request, slug or request.GET.get("scheme"))
    data, error = None, None
    if request.GET and not form.is_valid():
        error = "；".join(e for errs in form.errors.values() for e in errs)
    else:
        try:
            data = bulletins.build(scheme, month)
        except bulletins.BulletinError as exc:
            error = str(exc)
    context = {
        "scheme": scheme,
        "schemes": schemes,
        "month": month,
        "data": data,
        "error": error,
        "header": [c["label"] for c in data["columns"]] if data else [],
        "rows": bulletins.display_rows(data) if data else [],
        "totals": bulletins.display_totals(data) if data else [],
        "versions": queries.published_versions(scheme, month),
        "frozen": is_frozen(scheme, month),
        "may_publish": queries.may_publish(request.user, scheme),
        "month_over": month.end <= timezone.now(),
        "recent": queries.recent_bulletins(scheme),
    }
    return render(request, "assessment/console.html", context)


@login_required
def live_file(request, slug: str, month: str, fmt: str):
    scheme, _schemes = _console_scheme(request, slug)
    try:
        period = Month.parse(month)
        data = bulletins.build(scheme, period)
    except (ValueError, bulletins.BulletinError) as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    return _file_response(data, fmt, f"{scheme.slug}-{period}")


@login_required
@require_POST
def publish(request):
    form = BulletinForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("assessment:console")
    scheme = get_object_or_404(Scheme, slug=form.cleaned_data["scheme"])
    month = form.cleaned_data["month"] or queries.default_month()
    try:
        bulletin = actions.publish_bulletin(scheme, month, actor=request.user)
    except (bulletins.BulletinError, ValidationError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已发布 %(month)s 通报（第%(v)s版）") % {"month": month, "v": bulletin.version})
    return redirect(f"{reverse('assessment:console')}?{urlencode({'scheme': scheme.slug, 'month': str(month)})}")


def bulletin_detail(request, pk: int):
    """A published bulletin, exactly as published (public: bulletins are announced to all units)."""
    bulletin = get_object_or_404(Bulletin.objects.select_related("scheme", "published_by"), pk=pk)
    data = bulletin.data
    context = {
        "bulletin": bulletin,
        "data": data,
        "header": [c["label"] for c in data["columns"]],
        "rows": bulletins.display_rows(data),
        "totals": bulletins.display_totals(data),
        "versions": queries.published_versions(bulletin.scheme, bulletin.period),
    }
    return render(request, "assessment/bulletin.html", context)


def bulletin_file(request, pk, fmt: str):
    bulletin = get_object_or_404(Bulletin.objects.select_related("scheme"), pk=pk)
    name = f"{bulletin.scheme.slug}-{bulletin.period}-v{bulletin.version}"
    return _file_response(bulletin.data, fmt, name, version=bulletin.version)


def unit_rank(request, unit_id: int):
    """本单位本月排名: the unit's place in the newest published bulletin (public, for phones)."""
    unit = get_object_or_404(Unit, pk=unit_id, is_active=True)
    if not queries.enrollments_of(unit).exists():
        raise Http404(_("本单位未参加考核"))
    found = queries.latest_for_unit(unit)
    bulletin, row = found if found else (None, None)
    return render(
        request,
        "assessment/unit_rank.html",
        {"unit": unit, "bulletin": bulletin, "row": row, "count": len(bulletin.data["rows"]) if bulletin else 0},
    )


@login_required
def my_standing(request):
    """A liaison's (or leader's) own units, live for the month so far, marked as not yet published."""
    units = list(queries.own_enrolled_units(request.user))
    if not units:
        raise PermissionDenied
    month = Month.of(timezone.now())
    if request.GET.get("month"):
        try:
            month = Month.parse(request.GET["month"])
        except ValueError:
            month = Month.of(timezone.now())
    cards, error = [], None
    for unit in units:
        for enrollment in queries.enrollments_of(unit):
            try:
                data = bulletins.build(enrollment.scheme, month)
            except bulletins.BulletinError as exc:
                error = str(exc)
                break
            row = next(r for r in data["rows"] if r["unit_id"] == unit.pk)
            cols = {c["key"]: c for c in data["columns"]}
            facts = [
                (cols[k]["label"], v)
                for k, v in zip([c["key"] for c in data["columns"]], bulletins.display_rows({**data, "rows": [row]})[0], strict=True)
                if k not in ("rank", "unit", "gaps")
            ]
            cards.append(
                {
                    "unit": unit,
                    "scheme": enrollment.scheme,
                    "row": row,
                    "count": len(data["rows"]),
                    "facts": facts,
                    "published": queries.published_versions(enrollment.scheme, month).first(),
                }
            )
    return render(request, "assessment/my_standing.html", {"cards": cards, "month": month, "error": error})


def _items_scheme(slug) -> Scheme:
    scheme = get_object_or_404(Scheme, slug=slug)
    if not scheme.items.exists():
        raise Http404(_("该方案没有分项"))
    return scheme


@login_required
def report(request, slug: str):
    """A unit reports a material for an item (Luoyang 2014)."""
    scheme = _items_scheme(slug)
    units = queries.units_for(request.user, scheme, "manage_unit")
    if not units.exists():
        raise PermissionDenied
    form = MaterialForm(request.POST or None, request.FILES or None, scheme=scheme, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.report_material(
                scheme,
                data["unit"],
                data["item"].number,
                title=data["title"],
                reported_at=form.reported_at,
                actor=request.user,
                file=data.get("file"),
                author=data["author"],
                checked_by=data["checked_by"],
                contact=data["contact"],
                has_seal=data["has_seal"],
                has_signature=data["has_signature"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("材料已上报"))
            return redirect("assessment:report", slug=scheme.slug)
    recent = Material.objects.filter(unit__in=units, item__scheme=scheme).select_related("item", "unit")[:20]
    return render(request, "assessment/report_form.html", {"scheme": scheme, "form": form, "recent": recent})


@login_required
def score(request, slug: str):
    """A reviewer records a quality score (0 to the item's points)."""
    scheme = _items_scheme(slug)
    units = queries.units_for(request.user, scheme, "review")
    if not units.exists():
        raise PermissionDenied
    initial = {"year": timezone.now().year}
    form = QualityScoreForm(request.POST or None, scheme=scheme, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_quality_score(
                scheme, data["unit"], data["item"].number, data["year"], data["score"], actor=request.user,
                comment=data["comment"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("评分已保存"))
            return redirect("assessment:score", slug=scheme.slug)
    return render(request, "assessment/score_form.html", {"scheme": scheme, "form": form})
