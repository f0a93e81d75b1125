"""Registration of volunteers, their numbers, and the audited reveal of an ID number."""

import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.core import crypto
from wenming.core.masking import mask_phone
from wenming.journal.actions import audit
from wenming.people.permissions import is_admin

from .. import idnumbers, queries
from .. import rules as rules_mod
from ..choices import ID_HASH_PURPOSE, IdType, Source
from ..errors import VolunteeringError
from ..models import NumberSequence, Volunteer

MOBILE = re.compile(r"^1[3-9]\d{9}$")
ANY_PHONE = re.compile(r"^\+?[\d-]{6,20}$")


def id_hash(id_type: str, number: str) -> str:
    return crypto.lookup_hash(f"{id_type}:{idnumbers.normalize(number)}", ID_HASH_PURPOSE)


def id_problems(id_type: str, number: str) -> list[str]:
    """Format errors, then the one-volunteer-per-number rule (checked by its keyed hash)."""
    errors = idnumbers.id_errors(id_type, number)
    if not errors and Volunteer.objects.filter(id_hash=id_hash(id_type, number)).exists():
        errors.append(_("该证件号码已注册为志愿者"))
    return errors


def issue_number(at=None) -> str:
    """The next volunteer number (region code + year + sequence), under a row lock on the sequence."""
    rules = rules_mod.current()
    year = timezone.localtime(at or timezone.now()).year
    prefix = f"{rules.number_region}{year}"
    with transaction.atomic():
        seq = NumberSequence.objects.select_for_update().filter(prefix=prefix).first()
        if seq is None:
            try:
                with transaction.atomic():
                    NumberSequence.objects.create(prefix=prefix)
            except IntegrityError:
                pass  # a concurrent registration created it first
            seq = NumberSequence.objects.select_for_update().get(prefix=prefix)
        seq.last += 1
        seq.save(update_fields=["last"])
    return rules.number_format.format(region=rules.number_region, year=year, seq=seq.last)


def encrypted_phone(phone: str) -> tuple[str, str]:
    phone = (phone or "").strip()
    return crypto.encrypt(phone), mask_phone(phone) if phone else ""


@transaction.atomic
def register_volunteer(
    user, *, real_name: str, id_type: str, id_number: str, phone: str, consent: bool, skills: str = "",
    fields=(), available_time: str = "", emergency_name: str = "", emergency_phone: str = "", region=None,
) -> Volunteer:
    """Register the logged-in ``user`` as a volunteer: checked, encrypted, numbered, audited."""
    if not user or not user.is_authenticated:
        raise VolunteeringError(_("请先登录"))
    if queries.volunteer_of(user) is not None:
        raise VolunteeringError(_("您已注册为志愿者"))
    real_name = (real_name or "").strip()
    if not real_name:
        raise VolunteeringError(_("请填写真实姓名"))
    if not consent:
        raise VolunteeringError(_("请阅读并同意隐私条款"))
    if id_type not in IdType.values:
        raise VolunteeringError(_("未知的证件类型"))
    if not MOBILE.match((phone or "").strip()):
        raise VolunteeringError(_("请填写 11 位手机号码"))
    if emergency_phone and not ANY_PHONE.match(emergency_phone.strip()):
        raise VolunteeringError(_("紧急联系人电话格式不正确"))
    errors = id_problems(id_type, id_number)
    if errors:
        raise VolunteeringError(errors[0])
    number = idnumbers.normalize(id_number)
    phone_enc, phone_masked = encrypted_phone(phone)
    em_enc, em_masked = encrypted_phone(emergency_phone)
    volunteer = Volunteer(
        user=user, number=issue_number(), real_name=real_name, id_type=id_type,
        id_number_encrypted=crypto.encrypt(number), id_hash=id_hash(id_type, number),
        id_masked=idnumbers.mask_id(number), phone_encrypted=phone_enc, phone_masked=phone_masked,
        birth_date=idnumbers.birth_date(id_type, number), skills=skills.strip()[:300],
        available_time=available_time.strip()[:200], emergency_name=emergency_name.strip()[:60],
        emergency_phone_encrypted=em_enc, emergency_phone_masked=em_masked, consent_at=timezone.now(),
        region=region, source=Source.WEB,
    )
    try:
        with transaction.atomic():
            volunteer.save()
    except IntegrityError:
        # Two registrations of the same number at once: the constraint on the keyed hash decides.
        raise VolunteeringError(_("该证件号码已注册为志愿者")) from None
    if fields:
        volunteer.fields.set(fields)
    audit(user, "volunteering.register", volunteer, data={"number": volunteer.number})
    return volunteer


def reveal_id_number(volunteer: Volunteer, *, actor, reason: str) -> str:
    """The full ID number, for staff who manage one of the volunteer's teams; audited with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise VolunteeringError(_("查看完整证件号码须填写原因"))
    teams = [m.organisation for m in queries.my_teams(volunteer)]
    if not (is_admin(actor) or any(queries.can_manage(actor, t) for t in teams)):
        raise VolunteeringError(_("您没有权限查看完整证件号码"))
    audit(actor, "volunteering.reveal_id", volunteer, reason=reason)
    return crypto.decrypt(volunteer.id_number_encrypted)
