"""Expert panels: staff draw and close rounds; drawn experts score the candidates."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.people.permissions import can

from .. import actions, forms
from ..models import Expert, Nomination, PanelRound
from .base import _attempt, _form_errors, staff_of_campaign


@staff_of_campaign
def rounds(request, campaign):
    form = forms.DrawForm(
        request.POST or None, initial={"deadline": timezone.localtime() + timedelta(days=7)}
    )
    if request.method == "POST" and form.is_valid():
        drawn = _attempt(
            request,
            actions.draw_round,
            request.user,
            campaign,
            panel_size=form.cleaned_data["panel_size"],
            deadline=form.cleaned_data["deadline"],
            success=_("评委已抽取。"),
        )
        if drawn:
            return redirect("honors:round", pk=drawn.pk)
    return render(
        request, "honors/rounds.html", {"campaign": campaign, "form": form, "rounds": campaign.rounds.all()}
    )


@login_required
def round_detail(request, pk):
    panel_round = get_object_or_404(PanelRound.objects.select_related("campaign__region"), pk=pk)
    if not can(request.user, "review", panel_round.campaign.region):
        raise PermissionDenied
    if request.method == "POST":
        _attempt(request, actions.close_round, request.user, panel_round, success=_("本轮评审已结束。"))
        return redirect("honors:round", pk=pk)
    seats = panel_round.seats.select_related("expert__unit")
    scored = dict(panel_round.scores.values_list("expert_id").annotate(n=Count("id")))
    return render(
        request,
        "honors/round.html",
        {"round": panel_round, "seats": seats, "scored": scored, "needed": len(panel_round.candidates)},
    )


@login_required
def expert_rounds(request):
    expert = Expert.objects.filter(user=request.user).first()
    if expert is None:
        raise PermissionDenied
    return render(
        request,
        "honors/expert_rounds.html",
        {"rounds": PanelRound.objects.filter(seats__expert=expert).select_related("campaign")},
    )


@login_required
def expert_round(request, pk):
    panel_round = get_object_or_404(PanelRound.objects.select_related("campaign"), pk=pk)
    expert = Expert.objects.filter(user=request.user, seats__round=panel_round).first()
    if expert is None:
        raise PermissionDenied
    if request.method == "POST":
        candidates = Nomination.objects.filter(pk__in=[pk for pk, _unit in panel_round.candidates])
        form = forms.ScoreForm(request.POST, candidates=candidates)
        if form.is_valid():
            _attempt(
                request,
                actions.submit_score,
                request.user,
                panel_round,
                form.cleaned_data["nomination"],
                form.cleaned_data["score"],
                success=_("评分已保存。"),
            )
        else:
            _form_errors(request, form)
        return redirect("honors:expert_round", pk=pk)
    ids = [pk for pk, _unit in panel_round.candidates]
    mine = dict(panel_round.scores.filter(expert=expert).values_list("nomination_id", "score"))
    candidates = list(Nomination.objects.filter(pk__in=ids).select_related("region").order_by("pk"))
    for cand in candidates:
        cand.my_score = mine.get(cand.pk)
    return render(request, "honors/expert_round.html", {"round": panel_round, "candidates": candidates})
