"""The registry console: every county's roster with its gaps, one county's members, import and export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wenming.journal.actions import audit

from .. import actions
from ..forms import ImportForm, MemberForm
from ..queries import managed_county, members_for, roster_gaps, roster_overview
from ..queries.registry import by_role, revealer
from ..roster_sheet import roster_workbook
from .common import staff_or_403, xlsx_response, year_param


@login_required
@require_GET
def roster(request):
    staff_or_403(request)
    year = year_param(request)
    return render(request, "netcivility/roster.html", {"rows": roster_overview(request.user, year), "year": year})


@login_required
@require_http_methods(["GET", "POST"])
def county(request, pk: int):
    staff_or_403(request)
    county = managed_county(request.user, pk)
    year = year_param(request)
    form = MemberForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            member = actions.save_member(county, form.cleaned_data, actor=request.user)
        except actions.TeamError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("已保存：%(name)s") % {"name": member.name})
            return redirect("netcivility:county", pk=county.pk)
    members = list(members_for(request.user, county).order_by("id"))
    reveal = revealer(request.user)
    if any(map(reveal, members)):
        # Whole mobiles are on this page: who saw them, and when, is on record.
        audit(request.user, "netcivility.roster_viewed", county, data={"revealed": sum(map(reveal, members))})
    ctx = {"county": county, "year": year, "groups": by_role(members), "members": members, "form": form,
           "import_form": ImportForm(), "gaps": roster_gaps(county, year), "reveal": reveal}
    return render(request, "netcivility/county.html", ctx)


@login_required
@require_POST
def remove(request, pk: int, member_pk: int):
    staff_or_403(request)
    county = managed_county(request.user, pk)
    member = get_object_or_404(members_for(request.user, county), pk=member_pk)
    actions.remove_member(member, actor=request.user)
    messages.success(request, _("已移除：%(name)s") % {"name": member.name})
    return redirect("netcivility:county", pk=county.pk)


@login_required
@require_POST
def file_roster(request, pk: int):
    staff_or_403(request)
    county = managed_county(request.user, pk)
    actions.file_roster(county, year_param(request), actor=request.user)
    messages.success(request, _("已报送名单"))
    return redirect("netcivility:county", pk=county.pk)


@login_required
@require_POST
def import_roster(request, pk: int):
    staff_or_403(request)
    county = managed_county(request.user, pk)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要导入的登记表文件"))
        return redirect("netcivility:county", pk=county.pk)
    try:
        report = actions.import_roster(county, form.cleaned_data["file"], actor=request.user)
    except actions.ImportRefused as exc:
        return render(request, "netcivility/import_errors.html", {"county": county, "errors": exc.errors}, status=400)
    messages.success(request, _("导入成功：新增 %(c)s 人，更新 %(u)s 人") % {"c": report.created, "u": report.updated})
    return redirect("netcivility:county", pk=county.pk)


@login_required
@require_GET
def export(request, pk: int):
    staff_or_403(request)
    county = managed_county(request.user, pk)
    reveal = revealer(request.user)
    members = list(members_for(request.user, county).order_by("id"))
    # Whole mobiles leave the system only in their own office's export: record that it happened.
    audit(request.user, "netcivility.roster_exported", county, data={"revealed": sum(map(reveal, members))})
    return xlsx_response(roster_workbook(county, by_role(members), reveal=reveal), f"roster-{county.pk}.xlsx")
