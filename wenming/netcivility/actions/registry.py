"""The registry's write paths: members and their roles, filing a roster, importing the form."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.journal.actions import audit
from wenming.people.models import User
from wenming.people.permissions import can

from ..choices import TeamRole
from ..models import Member, MemberRole, RosterFiling
from ..models.registry import MOBILE_RE

FIELDS = ("name", "unit_name", "mobile", "wechat_id", "blog", "microblog")
LIMITS = {"name": 50, "unit_name": 100, "mobile": 11, "wechat_id": 64, "blog": 200, "microblog": 200}
ROLE_LABELS = {str(label): value for value, label in TeamRole.choices}


class TeamError(Exception):
    """A change the registry, a prompt or a quota does not allow (message in Chinese)."""


class ImportRefused(TeamError):
    """The file had bad rows: ``errors`` says which and why; nothing was imported."""

    def __init__(self, errors: list[str]):
        super().__init__("；".join(errors))
        self.errors = errors


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    members: list = field(default_factory=list)


def require(actor, obj) -> None:
    """Asked with the county (or the prompt's region): a county office acts on its own county only."""
    if not can(actor, "manage_netcivility", obj):
        raise PermissionDenied


def parse_roles(raw) -> tuple[set[str], list[str]]:
    """Role labels (分管领导…) or values, separated by 、，,;；/ → (role values, errors)."""
    roles, errors = set(), []
    if isinstance(raw, set | list | tuple):
        parts = [str(p) for p in raw]
    else:
        parts = re.split(r"[、，,;；/\s]+", str(raw or ""))
    for part in (p.strip() for p in parts):
        if not part:
            continue
        value = ROLE_LABELS.get(part) or (part if part in TeamRole.values else None)
        if value is None:
            errors.append(_("角色“%(role)s”不在登记表中（可填：%(roles)s）") % {"role": part, "roles": "、".join(ROLE_LABELS)})
        else:
            roles.add(value)
    if not roles and not errors:
        errors.append(_("未填写角色"))
    return roles, errors


def clean_member(data: dict) -> tuple[dict, list[str]]:
    """One registry row checked: (clean values with ``roles``, errors in Chinese)."""
    clean, errors = {}, []
    for name in FIELDS:
        value = data.get(name)
        value = "" if value is None else str(value).strip()
        if value == "/":
            value = ""  # the form's "/": a column this role does not have
        if "\x00" in value:
            errors.append(_("含有无效字符"))
            value = value.replace("\x00", "")
        if len(value) > LIMITS[name]:
            errors.append(_("“%(field)s”过长（最多 %(n)s 字）") % {"field": str(Member._meta.get_field(name).verbose_name), "n": LIMITS[name]})
        clean[name] = value
    if not clean["name"]:
        errors.append(_("未填写姓名"))
    if not re.fullmatch(MOBILE_RE, clean["mobile"]):
        errors.append(_("手机号码“%(mobile)s”格式不正确（应为 11 位，以 1 开头）") % {"mobile": clean["mobile"]})
    roles, role_errors = parse_roles(data.get("roles"))
    errors += role_errors
    if roles and TeamRole.VOLUNTEER not in roles and (clean["blog"] or clean["microblog"]):
        errors.append(_("只有网络文明志愿者登记博客和微博账号"))
    clean["roles"] = roles
    return clean, errors


def _owner_elsewhere(mobile: str, county) -> str | None:
    other = Member.objects.by_mobile(mobile).exclude(county=county).select_related("county").first()
    if other is not None:
        return _("手机号码 %(mobile)s 已登记在%(county)s") % {"mobile": other.masked_mobile, "county": other.county.name}
    return None


def _write(county, clean: dict, *, unit=None) -> tuple[Member, bool]:
    member = Member.objects.by_mobile(clean["mobile"]).first()
    created = member is None
    if created:
        member = Member(county=county, mobile=clean["mobile"])
    for name in FIELDS:
        setattr(member, name, clean[name])
    if unit is not None:
        member.unit = unit
    if member.user_id is None:
        member.user = User.objects.filter(phone=clean["mobile"]).exclude(netcivility_member__isnull=False).first()
    member.save()
    MemberRole.objects.filter(member=member).exclude(role__in=clean["roles"]).delete()
    have = set(MemberRole.objects.filter(member=member).values_list("role", flat=True))
    MemberRole.objects.bulk_create([MemberRole(member=member, role=r) for r in sorted(clean["roles"] - have)])
    return member, created


@transaction.atomic
def save_member(county, data: dict, *, actor, unit=None) -> Member:
    """Add a member to ``county``'s registry, or update the one with that mobile; roles are replaced."""
    require(actor, county)
    if unit is not None and not unit.is_within(county):
        raise TeamError(_("所属单位不在%(county)s范围内") % {"county": county.name})
    clean, errors = clean_member(data)
    if not errors and (elsewhere := _owner_elsewhere(clean["mobile"], county)):
        errors.append(elsewhere)
    if errors:
        raise TeamError("；".join(errors))
    member, created = _write(county, clean, unit=unit)
    audit(actor, "netcivility.member_created" if created else "netcivility.member_updated", member,
          data={"county": county.pk, "roles": sorted(clean["roles"])})
    return member


@transaction.atomic
def remove_member(member: Member, *, actor) -> None:
    require(actor, member.county)
    audit(actor, "netcivility.member_removed", member, data={"county": member.county_id})
    member.delete()


@transaction.atomic
def file_roster(county, year: int, *, actor, at=None) -> RosterFiling:
    """The county's roster filed for ``year``; the first filing is the one the due date judges."""
    require(actor, county)
    filing, created = RosterFiling.objects.get_or_create(
        county=county, year=year, defaults={"filed_at": at or timezone.now(), "filed_by": actor}
    )
    if created:
        audit(actor, "netcivility.roster_filed", filing, data={"county": county.pk, "year": year})
    return filing


def import_roster(county, upload, *, actor, year: int | None = None) -> ImportReport:
    """Import a filled-in registration form or a flat sheet for ``county``.

    Every row is checked before anything is written; one bad row refuses the whole file, each
    bad row named by its row number and reason. A mobile already registered updates that member
    (a person listed in two role blocks gets both roles), so a re-import never duplicates.
    """
    from ..roster_sheet import SheetError, read_roster

    require(actor, county)
    try:
        rows = read_roster(upload)
    except SheetError as exc:
        raise ImportRefused([str(exc)]) from None
    errors: list[str] = []
    merged: dict[str, tuple[int, dict]] = {}
    for row_no, data in rows:
        clean, row_errors = clean_member(data)
        if not row_errors and (elsewhere := _owner_elsewhere(clean["mobile"], county)):
            row_errors.append(elsewhere)
        if not row_errors and clean["mobile"] in merged:
            first_no, first = merged[clean["mobile"]]
            if first["name"] != clean["name"]:
                row_errors.append(_("手机号码与第 %(row)s 行相同但姓名不同") % {"row": first_no})
            else:
                for name in FIELDS:
                    first[name] = first[name] or clean[name]
                first["roles"] |= clean["roles"]
                continue
        if row_errors:
            errors += [_("第 %(row)s 行：%(reason)s") % {"row": row_no, "reason": e} for e in row_errors]
        else:
            merged[clean["mobile"]] = (row_no, clean)
    if not errors and not merged:
        errors.append(_("文件中没有可导入的人员"))
    if errors:
        raise ImportRefused(errors)
    report = ImportReport()
    with transaction.atomic():
        for _row_no, clean in merged.values():
            member, created = _write(county, clean)
            report.created += created
            report.updated += not created
            report.members.append(member)
        audit(actor, "netcivility.roster_imported", county,
              data={"created": report.created, "updated": report.updated, "file": getattr(upload, "name", "")})
        file_roster(county, year or timezone.localdate().year, actor=actor)
    return report
