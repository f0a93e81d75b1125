"""Work prompts: the office issues, watches completion, chases and closes; members mark items done."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wenming.core.sheets import Sheet, xlsx_bytes
from wenming.people.permissions import can

from .. import actions
from ..forms import DoneForm, PromptForm
from ..models import PromptItem
from ..queries import (
    completion,
    counties_for,
    managed_prompt,
    member_of,
    my_assignments,
    page_notices,
    prompts_for,
)
from ..queries.registry import revealer
from .common import int_param, staff_or_403, xlsx_response


def _issuing_region(user):
    """The office a prompt is issued from: the highest region the user manages."""
    from wenming.people.permissions import scope_units

    return scope_units(user, "manage_netcivility").order_by("path").first()


@login_required
@require_http_methods(["GET", "POST"])
def prompts(request):
    staff_or_403(request)
    counties = counties_for(request.user)
    form = PromptForm(request.POST if request.method == "POST" else None, counties=counties)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        region = _issuing_region(request.user)
        try:
            prompt = actions.issue_prompt(region, title=data["title"], text=data["text"], urgency=data["urgency"],
                                          roles=data["roles"], counties=data["counties"], deadline=data["deadline"],
                                          items=data["items"], actor=request.user)
        except actions.TeamError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("已发布：%(title)s") % {"title": prompt.title})
            return redirect("netcivility:prompt", pk=prompt.pk)
    rows = prompts_for(request.user).order_by("-issued_at", "-id")[:100]
    return render(request, "netcivility/prompts.html", {"prompts": rows, "form": form})


@login_required
@require_GET
def prompt(request, pk: int):
    staff_or_403(request)
    prompt = managed_prompt(request.user, pk)
    data = completion(prompt, counties=counties_for(request.user))
    ctx = {"prompt": prompt, "data": data, "now": timezone.now(), "reveal": revealer(request.user),
           "can_close": can(request.user, "manage_netcivility", prompt)}
    return render(request, "netcivility/prompt.html", ctx)


@login_required
@require_POST
def chase(request, pk: int):
    staff_or_403(request)
    prompt = managed_prompt(request.user, pk)
    try:
        n = actions.chase_overdue(prompt, actor=request.user)
    except actions.TeamError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已催办 %(n)s 人") % {"n": n})
    return redirect("netcivility:prompt", pk=prompt.pk)


@login_required
@require_POST
def close(request, pk: int):
    staff_or_403(request)
    prompt = managed_prompt(request.user, pk)
    try:
        actions.close_prompt(prompt, actor=request.user)
    except actions.TeamError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已关闭工作提示"))
    return redirect("netcivility:prompt", pk=prompt.pk)


def _pct(value) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


@login_required
@require_GET
def export(request, pk: int):
    staff_or_403(request)
    prompt = managed_prompt(request.user, pk)
    data = completion(prompt, counties=counties_for(request.user))
    reveal = revealer(request.user)
    sheets = [
        Sheet(_("按地区"), [_("县（市、区）"), _("对象人数"), _("已完成"), _("完成率")],
              [[r["county"].name, r["total"], r["done"], _pct(r["rate"])] for r in data["counties"]], widths=[20, 10, 10, 10]),
        Sheet(_("按单位"), [_("县（市、区）"), _("单位"), _("对象人数"), _("已完成"), _("完成率")],
              [[r["county"].name, r["unit"].name if r["unit"] else "", r["total"], r["done"], _pct(r["rate"])]
               for r in data["units"]]),
        Sheet(_("按人员"), [_("县（市、区）"), _("姓名"), _("手机号码"), _("已完成事项"), _("完成时间")],
              [[p["county"].name, p["member"].name, p["member"].mobile if reveal(p["member"]) else p["member"].masked_mobile,
                f'{p["items_done"]}/{data["n_items"]}', p["completed_at"]] for p in data["persons"]],
              widths=[16, 12, 14, 12, 20]),
    ]
    return xlsx_response(xlsx_bytes(sheets), f"prompt-{prompt.pk}.xlsx")


def _member_or_404(request):
    member = member_of(request.user)
    if member is None:
        raise Http404(_("您不在网络文明队伍名单中"))
    return member


@login_required
@require_GET
def my_prompts(request):
    member = member_of(request.user)
    ctx = {"member": member, "assignments": my_assignments(member) if member else [],
           "notices": page_notices(member) if member else [], "now": timezone.now()}
    return render(request, "netcivility/my_prompts.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def my_prompt(request, pk: int):
    member = _member_or_404(request)
    assignment = get_object_or_404(my_assignments(member, open_only=False), prompt_id=pk)
    done = {c.item_id: c for c in assignment.completions.all()}
    forms = {}
    if request.method == "POST":
        item = get_object_or_404(PromptItem, pk=int_param(request.POST.get("item")) or 0, prompt_id=pk)
        form = DoneForm(request.POST, request.FILES, prefix=f"i{item.pk}")
        if form.is_valid():
            try:
                actions.mark_done(item, member, link=form.cleaned_data["link"], screenshot=form.cleaned_data["screenshot"])
            except actions.TeamError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("已标记完成：%(item)s") % {"item": item.title})
                return redirect("netcivility:my_prompt", pk=pk)
        forms[item.pk] = form
    items = [{"item": i, "done": done.get(i.pk), "form": forms.get(i.pk) or DoneForm(prefix=f"i{i.pk}")}
             for i in assignment.prompt.items.all()]
    return render(request, "netcivility/my_prompt.html", {"assignment": assignment, "prompt": assignment.prompt,
                                                          "items": items, "now": timezone.now()})
