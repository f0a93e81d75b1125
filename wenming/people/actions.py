"""Write paths for people: group choice, roles, phone confirmation."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from wenming.journal.actions import audit, record_event

from .choices import ChoiceSource
from .models import GroupChoice, RoleAssignment, User


class GroupChoiceError(Exception):
    pass


@transaction.atomic
def choose_group(
    person: User, unit, *, at=None, source: str = ChoiceSource.WEB, actor=None, event_key: str | None = None
) -> GroupChoice:
    """The person joins ``unit``'s community group; the latest choice wins, history is kept.

    ``event_key`` lets an import keep its own natural key for the join_group event.
    """
    if not unit.is_active:
        raise GroupChoiceError("该社群已停用")
    at = at or timezone.now()
    # Lock the person so two concurrent choices cannot both think they are the latest.
    locked = User.objects.select_for_update().get(pk=person.pk)
    choice = GroupChoice.objects.create(person=locked, unit=unit, chosen_at=at, source=source)
    latest = GroupChoice.objects.filter(person=locked).order_by("-chosen_at", "-id").values_list("unit_id", flat=True)[0]
    if locked.group_id != latest:
        User.objects.filter(pk=locked.pk).update(group_id=latest)
    person.group_id = latest
    person._state.fields_cache.pop("group", None)
    audit(actor or person, "people.choose_group", person, data={"unit": unit.pk, "at": at.isoformat()})
    record_event(
        key=event_key or f"join_group:web:{choice.pk}",
        type="join_group",
        at=at,
        person=person,
        unit=unit,
        data={"unit": unit.name},
        source="import" if source == ChoiceSource.IMPORT else "web",
    )
    return choice


@transaction.atomic
def grant_role(user: User, role: str, unit=None, *, actor=None) -> None:
    """Put ``user`` in the role's group and, when given, scope the role to ``unit``'s subtree."""
    group, _ = Group.objects.get_or_create(name=role)
    user.groups.add(group)
    if unit is not None:
        RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
    user.__dict__.pop("_role_cache", None)
    user.__dict__.pop("_scope_cache", None)
    audit(actor, "people.grant_role", user, data={"role": role, "unit": getattr(unit, "pk", None)})


@transaction.atomic
def confirm_phone(user: User, phone: str, *, at=None) -> None:
    User.objects.filter(pk=user.pk).update(phone=phone, phone_verified_at=at or timezone.now())
    audit(user, "people.confirm_phone", user)
