"""The unit roster console: the list (phones masked), its Excel download, and the upload."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wenming.core.masking import mask_phone

from . import actions, roster
from .forms import RosterUploadForm
from .models import Unit, WorkGroup

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _region(request):
    """The region the roster covers: the root-most region with units below it (the demo's 溧阳市)."""
    regions = Unit.objects.filter(kind="county").order_by("path")
    region = regions.filter(pk=request.GET.get("region")).first() if str(request.GET.get("region", "")).isdigit() else None
    region = region or regions.first()
    if region is None or not roster.may_manage(request.user, region):
        raise PermissionDenied(_("只有管理员可以管理单位名册。"))
    return region


def _group(region):
    return WorkGroup.objects.filter(region=region).order_by("pk").first()


@login_required
def roster_page(request):
    region = _region(request)
    group = _group(region)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            count = actions.import_roster(region, form.cleaned_data["file"].read(), group=group, actor=request.user)
        except roster.RosterError as exc:
            problems = exc.problems
            messages.error(request, _("文件有 %(n)s 处错误，未导入任何数据；请改正后重新上传。") % {"n": len(problems)})
        else:
            messages.success(request, _("已导入 %(n)s 个单位。") % {"n": count})
            return redirect(request.get_full_path())
    units = list(roster.roster_units(region))
    joined = roster.joined_dates(units, group)
    rows = [
        (u, mask_phone(u.liaison.phone) if u.liaison and u.liaison.phone else "", joined.get(u.liaison_id))
        for u in units
    ]
    return render(
        request,
        "orgs/roster.html",
        {"region": region, "group": group, "form": form, "rows": rows, "problems": problems},
    )


@login_required
def roster_download(request):
    region = _region(request)
    content = roster.export(region, _group(region))
    from wenming.journal.actions import audit

    audit(request.user, "orgs.export_roster", region)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="roster-{region.pk}.xlsx"'
    return response
