"""Nominations and notices: putting a person forward, the review at each level, the public
notice and its objections, background checks and forwarding."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenming.core.periods import local_date
from wenming.people.permissions import can, scope_units

from .. import actions, forms, queries
from ..choices import NominationStatus
from ..models import Campaign, Nomination, Objection, PublicNotice
from .base import _attempt, _form_errors, staff_of_campaign


@login_required
def nominate(request, pk):
    campaign = get_object_or_404(Campaign.objects.select_related("region"), pk=pk)
    form = forms.NominationForm(campaign, request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            request,
            actions.submit_nomination,
            request.user,
            campaign,
            category=data["category"],
            nominee_name=data["nominee_name"],
            story=data["story"],
            region=data["region"],
            nominating_unit=data.get("nominating_unit"),
            files=data["evidence"],
            success=_("推荐已提交，请等待审核。"),
        )
        if done:
            return redirect("honors:mine")
    return render(request, "honors/nominate.html", {"campaign": campaign, "form": form})


@login_required
def mine(request):
    noms = (
        Nomination.objects.filter(nominator=request.user)
        .select_related("campaign", "region")
        .order_by("-created_at")
    )
    return render(request, "honors/mine.html", {"nominations": noms, "form": forms.ResubmitForm()})


@login_required
@require_POST
def resubmit(request, pk):
    nomination = get_object_or_404(Nomination, pk=pk, nominator=request.user)
    form = forms.ResubmitForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            actions.resubmit_nomination,
            request.user,
            nomination,
            story=form.cleaned_data["story"],
            success=_("已重新提交。"),
        )
    else:
        messages.error(request, _("请填写事迹。"))
    return redirect("honors:mine")


def notice(request, pk):
    notice = get_object_or_404(PublicNotice.objects.select_related("campaign", "region"), pk=pk)
    form = forms.ObjectionForm(notice, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            request,
            actions.lodge_objection,
            notice,
            data["nomination"],
            text=data["text"],
            contact=data["contact"],
            by=request.user,
            success=_("异议已提交，我们将尽快核实处理。"),
        )
        if done:
            return redirect("honors:notice", pk=notice.pk)
    today = local_date(timezone.now())
    return render(
        request,
        "honors/notice.html",
        {
            "notice": notice,
            "nominations": notice.nominations.select_related("region"),
            "form": form,
            "open": notice.starts_on <= today <= notice.ends_on,
        },
    )


@staff_of_campaign
def console_campaign(request, campaign):
    queue = queries.review_queue(request.user, campaign)
    regions = scope_units(request.user, "review").filter(
        kind__in=campaign.levels, path__startswith=campaign.region.path
    )
    accepted = campaign.nominations.filter(status=NominationStatus.ACCEPTED).exclude(
        notices__level=F("level")
    )  # not yet on a notice at its current level
    form = forms.NoticeForm(
        regions, accepted, request.POST or None, initial={"starts_on": local_date(timezone.now())}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        notice = _attempt(
            request,
            actions.post_notice,
            request.user,
            campaign,
            data["region"],
            list(data["nominations"]),
            starts_on=data["starts_on"],
            title=data["title"],
            success=_("公示已发布。"),
        )
        if notice:
            return redirect("honors:console_campaign", pk=campaign.pk)
    return render(
        request,
        "honors/console_campaign.html",
        {
            "campaign": campaign,
            "queue": queue,
            "form": form,
            "notices": campaign.notices.select_related("region")[:20],
        },
    )


def _staff_nomination(request, pk) -> Nomination:
    nomination = get_object_or_404(
        Nomination.objects.select_related("campaign__region", "region", "nominator"), pk=pk
    )
    if not can(request.user, "review", queries.reviewing_unit(nomination)) and not can(
        request.user, "review", nomination.region
    ):
        raise PermissionDenied
    return nomination


@login_required
def console_nomination(request, pk):
    nomination = _staff_nomination(request, pk)
    return render(
        request,
        "honors/console_nomination.html",
        {
            "nom": nomination,
            "reviewing_unit": queries.reviewing_unit(nomination),
            "reviews": nomination.reviews.select_related("reviewer"),
            "objections": nomination.objections.select_related("notice"),
            "checks": nomination.checks.select_related("reviewer"),
            "missing": actions.missing_checks(nomination),
            "evidence": nomination.evidence.all(),
            "review_form": forms.ReviewForm(),
            "check_form": forms.CheckForm(
                nomination.campaign, initial={"checked_on": local_date(timezone.now())}
            ),
            "resolve_form": forms.ResolveForm(),
        },
    )


@login_required
@require_POST
def review(request, pk):
    nomination = _staff_nomination(request, pk)
    form = forms.ReviewForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            actions.review_nomination,
            request.user,
            nomination,
            form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            success=_("审核意见已保存。"),
        )
    else:
        _form_errors(request, form)
    return redirect("honors:console_nomination", pk=pk)


@login_required
@require_POST
def forward(request, pk):
    nomination = _staff_nomination(request, pk)
    _attempt(request, actions.forward_nomination, request.user, nomination, success=_("已上报。"))
    return redirect("honors:console_nomination", pk=pk)


@login_required
@require_POST
def check(request, pk):
    nomination = _staff_nomination(request, pk)
    form = forms.CheckForm(nomination.campaign, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _attempt(
            request,
            actions.record_check,
            request.user,
            nomination,
            department=data["department"],
            result=data["result"],
            checked_on=data["checked_on"],
            note=data["note"],
            success=_("背景审核已登记。"),
        )
    else:
        _form_errors(request, form)
    return redirect("honors:console_nomination", pk=pk)


@login_required
@require_POST
def resolve(request, pk):
    objection = get_object_or_404(Objection, pk=pk)
    form = forms.ResolveForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            actions.resolve_objection,
            request.user,
            objection,
            upheld=form.cleaned_data["upheld"],
            resolution=form.cleaned_data["resolution"],
            success=_("异议已处理。"),
        )
    else:
        messages.error(request, _("请填写处理意见。"))
    return redirect("honors:console_nomination", pk=objection.nomination_id)
