"""Volunteering's lines for ``wenming import-events``: volunteer, service_session, attendance, hours_approval.

Lines are checked in file order before anything is written, so a volunteer or a session declared on
an earlier line may be used by a later one. Lookups of what the database already holds are loaded
once per import (sets and dicts in ``ctx.scratch``), so a million attendance lines cost no query each.
The ledger of the touched days is brought up to date once, when the import ends (see receivers.py).
"""

from datetime import date, datetime

from django.utils.translation import gettext as _

from wenming.points.importing import EventType, register

from . import idnumbers
from .actions import imports
from .actions.registration import ANY_PHONE, id_hash
from .choices import EVENT_APPROVAL, EVENT_ATTENDANCE, EVENT_SESSION, EVENT_VOLUNTEER, IdType
from .models import Attendance, ServiceField, Session, Volunteer


def _scratch(ctx) -> dict:
    s = ctx.scratch.setdefault("volunteering", {})
    if not s:
        s["volunteers"] = set(
            Volunteer.objects.exclude(user__external_id="").values_list("user__external_id", flat=True)
        )
        s["new_volunteers"] = set()
        s["hashes"] = set()
        s["sessions"] = {ext: (start, end) for ext, start, end in
                         Session.objects.filter(external_id__isnull=False).values_list("external_id", "start", "end")}
        s["db_sessions"] = set(s["sessions"])
        s["pairs"] = set()
        s["fields"] = set(ServiceField.objects.values_list("name", flat=True))
    return s


def _already_imported(line: dict) -> bool:
    """A line of an earlier import of this file: the importer compares its content and skips it."""
    from wenming.journal.models import DomainEvent
    from wenming.points.importing import EVENT_KEY_PREFIX

    return DomainEvent.objects.filter(key=EVENT_KEY_PREFIX + str(line.get("id"))).exists()


def _when(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        return None
    return at if at.tzinfo is not None else None


def _text(line, name, limit, errors, *, required=False):
    value = line.get(name)
    if value in (None, ""):
        if required:
            errors.append(_("缺少字段：%(field)s") % {"field": name})
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        errors.append(_("%(field)s 须为不超过 %(limit)d 字的文字") % {"field": name, "limit": limit})
        return None
    return value.strip()


def _validate_volunteer(line: dict, ctx) -> list[str]:
    s = _scratch(ctx)
    errors: list[str] = []
    ext = str(line["volunteer"])
    _text(line, "name", 60, errors, required=True)
    _text(line, "team", 100, errors)
    if ext in s["new_volunteers"]:
        errors.append(_("志愿者 %(v)s 在本文件中重复") % {"v": ext})
    if line.get("id_number") not in (None, ""):
        number = line["id_number"]
        problems = idnumbers.id_errors(IdType.RESIDENT, number) if isinstance(number, str) else [_("证件号码须为文字")]
        if problems:
            errors.extend(problems)
        else:
            digest = id_hash(IdType.RESIDENT, number)
            if digest in s["hashes"] or Volunteer.objects.filter(id_hash=digest).exclude(user__external_id=ext).exists():
                errors.append(_("证件号码重复：%(masked)s") % {"masked": idnumbers.mask_id(number)})
            s["hashes"].add(digest)
    phone = line.get("phone")
    if phone not in (None, "") and (not isinstance(phone, str) or not ANY_PHONE.match(phone.strip())):
        errors.append(_("手机号格式不正确"))
    if not errors:
        s["new_volunteers"].add(ext)
        s["volunteers"].add(ext)
    return errors


def _validate_session(line: dict, ctx) -> list[str]:
    s = _scratch(ctx)
    errors: list[str] = []
    ext = line["session"]
    if not isinstance(ext, str | int) or isinstance(ext, bool) or len(str(ext)) > 64:
        return [_("session 须为不超过 64 字符的编号")]
    ext = str(ext)
    _text(line, "project", 200, errors, required=True)
    _text(line, "team", 100, errors)
    _text(line, "place", 200, errors)
    field = _text(line, "field", 60, errors)
    if field and field not in s["fields"]:
        errors.append(_("未知的服务领域：%(field)s") % {"field": field})
    start, end = _when(line["start"]), _when(line["end"])
    if start is None or end is None:
        errors.append(_("start/end 须为带时区的 ISO-8601 时间"))
    elif end <= start:
        errors.append(_("结束时间须晚于开始时间"))
    if ext in s["sessions"] and not (ext in s["db_sessions"] and _already_imported(line)):
        errors.append(_("场次已存在：%(s)s") % {"s": ext})
    if not errors:
        s["sessions"][ext] = (start, end)
    return errors


def _validate_attendance(line: dict, ctx) -> list[str]:
    s = _scratch(ctx)
    errors: list[str] = []
    vol, ses = str(line["volunteer"]), str(line["session"])
    if vol not in s["volunteers"]:
        errors.append(_("志愿者不存在：%(v)s（先导入 volunteer）") % {"v": vol})
    if ses not in s["sessions"]:
        errors.append(_("场次不存在：%(s)s（先导入 service_session）") % {"s": ses})
    check_in = _when(line["check_in"])
    check_out = _when(line["check_out"]) if line.get("check_out") not in (None, "") else None
    if check_in is None:
        errors.append(_("check_in 须为带时区的 ISO-8601 时间"))
    if line.get("check_out") not in (None, "") and check_out is None:
        errors.append(_("check_out 须为带时区的 ISO-8601 时间"))
    if check_in and check_out and check_out < check_in:
        errors.append(_("签退时间早于签到时间"))
    if errors:
        return errors
    if (vol, ses) in s["pairs"] or (ses in s["db_sessions"] and Attendance.objects.filter(
        volunteer__user__external_id=vol, session__external_id=ses
    ).exists() and not _already_imported(line)):
        return [_("志愿者 %(v)s 在场次 %(s)s 已有考勤记录") % {"v": vol, "s": ses}]
    s["pairs"].add((vol, ses))
    return []


def _validate_approval(line: dict, ctx) -> list[str]:
    s = _scratch(ctx)
    errors = []
    if str(line["volunteer"]) not in s["volunteers"]:
        errors.append(_("志愿者不存在：%(v)s（先导入 volunteer）") % {"v": line["volunteer"]})
    try:
        date.fromisoformat(line["date"]) if isinstance(line["date"], str) and len(line["date"]) == 10 else 1 / 0
    except (ValueError, ZeroDivisionError):
        errors.append(_("date 须为 YYYY-MM-DD：%(d)s") % {"d": line["date"]})
    return errors


register(EventType(
    name=EVENT_VOLUNTEER, fields=("volunteer", "name"), optional=("id_number", "phone", "team"), at_required=False,
    person_field="volunteer", validate=_validate_volunteer, apply=imports.apply_volunteers, needs_event_id=False,
))
register(EventType(
    name=EVENT_SESSION, fields=("session", "project", "start", "end"), optional=("team", "place", "field"),
    at_required=False, validate=_validate_session, apply=imports.apply_sessions, needs_event_id=False,
))
register(EventType(
    name=EVENT_ATTENDANCE, fields=("volunteer", "session", "check_in"), optional=("check_out",), at_required=False,
    person_field="volunteer", validate=_validate_attendance, apply=imports.apply_attendance, needs_event_id=False,
))
register(EventType(
    name=EVENT_APPROVAL, fields=("volunteer", "date"), at_required=False, person_field="volunteer",
    validate=_validate_approval, apply=imports.apply_approvals, needs_event_id=False,
))
