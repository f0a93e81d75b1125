"""Reads of work prompts: the console's list, a member's open prompts, completion by county, unit, person."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from wenming.people.permissions import scope_units

from ..choices import PromptStatus
from ..models import ItemCompletion, Prompt, PromptAssignment, PromptItem, Reminder


def prompts_for(user):
    """Prompts issued by an office in the user's scope, or sent to a county in it."""
    scope = scope_units(user, "manage_netcivility")
    return (Prompt.objects.filter(Q(region__in=scope) | Q(counties__in=scope)).distinct()
            .select_related("region").annotate(n_items=Count("items", distinct=True)))


def managed_prompt(user, pk: int) -> Prompt:
    return get_object_or_404(prompts_for(user), pk=pk)


def rate(done: int, total: int) -> Decimal | None:
    return (Decimal(done) / Decimal(total)).quantize(Decimal("0.0001")) if total else None


def completion(prompt: Prompt, *, counties=None) -> dict:
    """Completion of ``prompt``: rows per county, per unit and per person (done items, done or not)."""
    n_items = prompt.items.count()
    assignments = PromptAssignment.objects.filter(prompt=prompt).select_related("member", "county", "unit")
    if counties is not None:
        assignments = assignments.filter(county__in=counties)
    done_counts = dict(
        ItemCompletion.objects.filter(assignment__in=assignments).values_list("assignment_id")
        .annotate(n=Count("id")).values_list("assignment_id", "n")
    )
    persons, by_county, by_unit = [], defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    for a in assignments:
        done = a.completed_at is not None
        persons.append({"assignment": a, "member": a.member, "county": a.county, "unit": a.unit,
                        "items_done": done_counts.get(a.pk, 0), "done": done, "completed_at": a.completed_at})
        for bucket, key in ((by_county, a.county), (by_unit, (a.county, a.unit))):
            bucket[key][0] += 1
            bucket[key][1] += done
    return {
        "n_items": n_items,
        "persons": persons,
        "counties": [{"county": c, "total": t, "done": d, "rate": rate(d, t)} for c, (t, d) in by_county.items()],
        "units": [{"county": c, "unit": u, "total": t, "done": d, "rate": rate(d, t)} for (c, u), (t, d) in by_unit.items()],
        "total": len(persons),
        "done": sum(p["done"] for p in persons),
    }


def my_assignments(member, *, open_only=True):
    """The member's prompts, newest first, with their items and what the member has done."""
    qs = PromptAssignment.objects.filter(member=member).select_related("prompt").prefetch_related(
        Prefetch("prompt__items", PromptItem.objects.all()), "completions", "reminders")
    if open_only:
        qs = qs.filter(prompt__status=PromptStatus.OPEN)
    return qs.order_by("completed_at", "prompt__deadline")


def page_notices(member):
    """Reminders shown on the member's page: chases of prompts still not finished."""
    return Reminder.objects.filter(assignment__member=member, assignment__completed_at__isnull=True,
                                   assignment__prompt__status=PromptStatus.OPEN).select_related("assignment__prompt")


def overdue(prompt, now=None) -> bool:
    return prompt.deadline < (now or timezone.now())
