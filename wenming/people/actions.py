"""Write paths for people: group choice, roles, phone confirmation."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.journal.actions import audit, record_event

from .choices import ChoiceSource, Role
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


@transaction.atomic
def wechat_person(openid: str, *, unionid: str | None = None, nickname: str = "", at=None) -> User:
    """The person bound to a WeChat identity, created on first visit; marks them WeChat-verified.

    The unionid (same person across the operator's accounts) is looked up first when WeChat sends
    one; the openid is then recorded on that person. Two first visits racing each other meet the
    unique openid/unionid constraints: the loser re-reads the winner's row.
    """
    if not openid:
        raise ValueError("openid required")
    at = at or timezone.now()
    person = None
    if unionid:
        person = User.objects.select_for_update().filter(unionid=unionid).first()
    if person is None:
        person = User.objects.select_for_update().filter(openid=openid).first()
    if person is None:
        try:
            with transaction.atomic():
                person = User(username=f"wx_{openid}"[:150], display_name=nickname[:50], openid=openid, unionid=unionid or None)
                person.set_unusable_password()
                person.save()
        except IntegrityError:
            person = User.objects.select_for_update().get(openid=openid)
        else:
            grant_role(person, Role.CITIZEN)
            audit(person, "people.wechat_created", person)
    updates = {"wechat_verified_at": at}
    if person.openid != openid:
        updates["openid"] = openid
    if unionid and person.unionid != unionid:
        updates["unionid"] = unionid
    if nickname and not person.display_name:
        updates["display_name"] = nickname[:50]
    User.objects.filter(pk=person.pk).update(**updates)
    person.refresh_from_db()
    return person


def record_group_choices_bulk(rows, *, source: str = ChoiceSource.IMPORT) -> int:
    """Many group choices at once (imports): rows of (person_id, unit_id, chosen_at).

    The caller validated the rows (no two choices of a person at one instant) and records the
    join_group events itself. Each person's current group becomes their latest choice.
    """
    from django.db.models import OuterRef, Subquery

    from wenming.core.bulk import insert_rows

    rows = list(rows)
    count = insert_rows(
        GroupChoice._meta.db_table,
        ["person_id", "unit_id", "chosen_at", "source"],
        ((person_id, unit_id, at, source) for person_id, unit_id, at in rows),
    )
    latest = GroupChoice.objects.filter(person_id=OuterRef("pk")).order_by("-chosen_at", "-id").values("unit_id")[:1]
    ids = sorted({person_id for person_id, _unit, _at in rows})
    for start in range(0, len(ids), 5000):
        User.objects.filter(pk__in=ids[start : start + 5000]).update(group_id=Subquery(latest))
    return count


@transaction.atomic
def roster_account(name: str, mobile: str, role: str, *, actor=None) -> User:
    """The account a unit roster names (orgs' Excel import): a liaison found by mobile, a leader by
    name among the leaders; made (no usable password, the role granted) when none exists."""
    import secrets

    people = User.objects.filter(phone=mobile) if mobile else User.objects.filter(display_name=name, groups__name=role)
    user = people.order_by("pk").first()
    if user is None:
        user = User(username=f"{role}-{secrets.token_hex(4)}", display_name=name, phone=mobile)
        user.set_unusable_password()
        user.save()
        audit(actor, "people.create_roster_account", user, data={"role": role})
    elif name and user.display_name != name:
        User.objects.filter(pk=user.pk).update(display_name=name)
        user.display_name = name
    if not user.groups.filter(name=role).exists():
        grant_role(user, role, actor=actor)
    return user
# --- second factor (TOTP authenticator apps) ---------------------------------------------------------


@transaction.atomic
def start_totp_enrolment(user: User):
    """The person's pending authenticator: the one already shown (so a reload keeps the same QR
    code), else a new one with a fresh random key. It counts only once confirmed with a code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    pending = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if pending is not None:
        return pending
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def confirm_totp_enrolment(user: User, token: str):
    """Confirm the pending authenticator with a code it shows; returns it, or None for a wrong code.

    Other devices of the person are removed: one authenticator per person, the newest.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    pending = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("-id").first()
    if pending is None or not pending.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=pending.pk).delete()
    pending.confirmed = True
    pending.save(update_fields=["confirmed"])
    audit(user, "people.enrol_totp", user)
    return pending


def verify_second_factor(user: User, token: str):
    """The person's confirmed authenticator when ``token`` is its current code, else None;
    ValidationError while the device makes the person wait after wrong codes.

    django-otp keeps the device's own throttle (a growing wait after each wrong code) and refuses
    a code that was already used, so a seen code cannot be replayed.
    """
    from .second_factor import confirmed_device

    device = confirmed_device(user)
    if device is None:
        return None
    allowed, _why = device.verify_is_allowed()
    if not allowed:
        raise ValidationError(_("验证码错误次数过多，请稍等片刻再输入新的验证码。"))
    if device.verify_token(token):
        return device
    audit(user, "people.second_factor_failed", user)
    return None
