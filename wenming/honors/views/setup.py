"""The campaigns a citizen can take part in, the staff console's campaign list, campaign
setup and the expert pool."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenming.people.permissions import can, scope_units

from .. import actions, forms, queries
from ..choices import EXPERT_PAGE_SIZE
from ..models import Campaign, Expert, ResultList
from .base import _attempt, _message, staff_of_campaign


def campaigns(request):
    return render(
        request,
        "honors/campaigns.html",
        {
            "campaigns": queries.open_campaigns(),
            "results": ResultList.objects.select_related("campaign").order_by("-published_at")[:10],
        },
    )


@login_required
def console(request):
    paths = list(scope_units(request.user, "review").values_list("path", flat=True))
    if not paths:
        raise PermissionDenied
    q = Q()
    for path in paths:
        # A campaign concerns a reviewer when its region contains, or lies inside, their scope.
        q |= Q(region__path__startswith=path)
        q |= Q(region__pk__in=[int(p) for p in path.strip("/").split("/") if p])
    return render(
        request,
        "honors/console.html",
        {"campaigns": Campaign.objects.filter(q).select_related("region").distinct()},
    )


# --- campaign setup and the expert pool -----------------------------------------------------------


def _form_refusal(request, form, exc) -> None:
    """An action's refusal shown on the form: per-field messages next to their fields."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            name = {"user": "username"}.get(name, name)
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        form.add_error(None, _message(exc))


def _submit(request, form, fn, *args, success: str, **kwargs):
    """Run an action for a valid form: its refusals go next to the form's fields (None returned)."""
    try:
        result = fn(*args, **kwargs)
    except (ValidationError, PermissionDenied) as exc:
        _form_refusal(request, form, exc)
        return None
    messages.success(request, success)
    return result


def _reviewer(request) -> None:
    if not scope_units(request.user, "review").exists():
        raise PermissionDenied


@login_required
def campaign_new(request):
    _reviewer(request)
    form = forms.CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        campaign = _submit(
            request,
            form,
            actions.create_campaign,
            request.user,
            success=_("评选活动已创建。"),
            **form.settings(),
        )
        if campaign:
            return redirect("honors:console_campaign", pk=campaign.pk)
    return render(request, "honors/campaign_form.html", {"form": form, "campaign": None})


@staff_of_campaign
def campaign_settings(request, campaign):
    # Seeing the campaign is not enough: its settings are the organising region's to change.
    if not can(request.user, "review", campaign.region):
        raise PermissionDenied
    form = forms.CampaignForm(request.POST or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        # The form changed its instance in memory; the action reads the stored campaign.
        stored = Campaign.objects.get(pk=campaign.pk)
        saved = _submit(
            request,
            form,
            actions.update_campaign,
            request.user,
            stored,
            success=_("活动设置已保存。"),
            **form.settings(),
        )
        if saved:
            return redirect("honors:campaign_settings", pk=campaign.pk)
    return render(request, "honors/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
def experts(request):
    """The expert pool in the viewer's scope (by the experts' work units), searchable, paginated."""
    scope = scope_units(request.user, "review")
    if not scope.exists():
        raise PermissionDenied
    search = forms.ExpertSearchForm(request.GET or None)
    pool = Expert.objects.filter(unit__in=scope).select_related("unit", "user").order_by("name", "pk")
    if search.is_valid():
        q = search.cleaned_data["q"].strip()
        if q:
            pool = pool.filter(Q(name__icontains=q) | Q(unit__name__icontains=q) | Q(field__icontains=q))
        status = search.cleaned_data["status"]
        if status:
            pool = pool.filter(active=status == "active")
    page = Paginator(pool, EXPERT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "honors/experts.html",
        {"page": page, "search": search, "query": query.urlencode()},
    )


def _back_to_experts(request):
    # The list page posts its search and page along, so the clerk lands where they were.
    query = request.POST.get("query", "")
    return redirect(f"{reverse('honors:experts')}?{query}" if query else reverse("honors:experts"))


def _staff_expert(request, pk) -> Expert:
    expert = get_object_or_404(Expert.objects.select_related("unit", "user"), pk=pk)
    if not can(request.user, "review", expert):
        raise PermissionDenied
    return expert


@login_required
def expert_new(request):
    _reviewer(request)
    form = forms.ExpertForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        added = _submit(
            request, form, actions.add_expert, request.user, success=_("专家已入库。"), **form.values()
        )
        if added:
            return redirect("honors:experts")
    return render(request, "honors/expert_form.html", {"form": form, "expert": None})


@login_required
def expert_edit(request, pk):
    expert = _staff_expert(request, pk)
    form = forms.ExpertForm(request.POST or None, instance=expert, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _submit(
            request,
            form,
            actions.update_expert,
            request.user,
            expert,
            success=_("专家信息已保存。"),
            **form.values(),
        )
        if saved:
            return redirect("honors:experts")
    return render(request, "honors/expert_form.html", {"form": form, "expert": expert})


@login_required
@require_POST
def expert_set_active(request, pk, *, active: bool):
    """Deactivate (``active=False``) or reactivate an expert; the URL decides which."""
    expert = _staff_expert(request, pk)
    form = forms.ExpertStatusForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if active:
        success = _("专家“%(n)s”已恢复在库。") % {"n": expert.name}
    else:
        success = _("专家“%(n)s”已停用，不再参加抽取。") % {"n": expert.name}
    action = actions.reactivate_expert if active else actions.deactivate_expert
    _attempt(request, action, request.user, expert, reason=reason, success=success)
    return _back_to_experts(request)
