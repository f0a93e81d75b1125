"""Organisations, their admins and members; the service taxonomy and its Excel import/export."""

from io import BytesIO

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.core.sheets import Sheet, xlsx_bytes
from wenming.journal.actions import audit
from wenming.people.permissions import is_admin

from .. import queries
from ..choices import MembershipStatus, OrgKind
from ..errors import VolunteeringError
from ..models import Membership, OrgAdmin, Organisation, ServiceField

FIELD_HEADER = ["服务领域", "子领域"]


def _need_manage(actor, org):
    if not queries.can_manage(actor, org):
        raise VolunteeringError(_("您没有管理该组织的权限"))


@transaction.atomic
def create_organisation(*, name: str, kind: str = OrgKind.TEAM, parent=None, unit=None, actor,
                        join_needs_approval: bool = False, contact: str = "") -> Organisation:
    """A new organisation under ``parent`` (its admins may add children) or at the root (platform admins)."""
    name = (name or "").strip()
    if not name:
        raise VolunteeringError(_("请填写组织名称"))
    if kind not in OrgKind.values:
        raise VolunteeringError(_("未知的组织类型"))
    if parent is None:
        if not is_admin(actor):
            raise VolunteeringError(_("只有平台管理员可以创建顶级组织"))
    else:
        _need_manage(actor, parent)
    try:
        with transaction.atomic():
            org = Organisation.objects.create(
                name=name[:100], kind=kind, parent=parent, unit=unit or (parent.unit if parent else None),
                join_needs_approval=join_needs_approval, contact=contact[:100],
            )
    except IntegrityError:
        raise VolunteeringError(_("同一上级下已有同名组织：%(name)s") % {"name": name}) from None
    audit(actor, "volunteering.create_organisation", org)
    return org


@transaction.atomic
def add_org_admin(org: Organisation, user, *, actor) -> OrgAdmin:
    _need_manage(actor, org)
    admin, created = OrgAdmin.objects.get_or_create(organisation=org, user=user)
    if created:
        audit(actor, "volunteering.add_org_admin", org, data={"user": user.pk})
    return admin


@transaction.atomic
def join_team(volunteer, team: Organisation) -> Membership:
    """Join a team: at once, or pending the team's approval when it asks for one."""
    if not team.is_active:
        raise VolunteeringError(_("该组织已停用"))
    if Membership.objects.filter(
        volunteer=volunteer, organisation=team, status__in=(MembershipStatus.PENDING, MembershipStatus.ACTIVE)
    ).exists():
        raise VolunteeringError(_("您已加入或申请加入该队伍"))
    status = MembershipStatus.PENDING if team.join_needs_approval else MembershipStatus.ACTIVE
    try:
        with transaction.atomic():
            membership = Membership.objects.create(volunteer=volunteer, organisation=team, status=status)
    except IntegrityError:
        raise VolunteeringError(_("您已加入或申请加入该队伍")) from None
    audit(volunteer.user, "volunteering.join_team", membership, data={"status": status})
    return membership


@transaction.atomic
def decide_membership(membership: Membership, *, actor, approve: bool) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _need_manage(actor, membership.organisation)
    if membership.status != MembershipStatus.PENDING:
        raise VolunteeringError(_("该申请已处理"))
    membership.status = MembershipStatus.ACTIVE if approve else MembershipStatus.REJECTED
    membership.decided_at, membership.decided_by = timezone.now(), actor
    membership.save(update_fields=["status", "decided_at", "decided_by"])
    audit(actor, "volunteering.decide_membership", membership, data={"approve": approve})
    return membership


def _need_taxonomy_admin(actor):
    if not is_admin(actor):
        raise VolunteeringError(_("只有平台管理员可以维护服务领域"))


@transaction.atomic
def save_field(*, actor, name: str, parent=None, sort_order: int = 0, field=None) -> ServiceField:
    """Add or rename one field or sub-field (two levels only)."""
    _need_taxonomy_admin(actor)
    name = (name or "").strip()
    if not name:
        raise VolunteeringError(_("请填写领域名称"))
    if parent is not None and parent.parent_id is not None:
        raise VolunteeringError(_("服务领域只有两级"))
    field = field or ServiceField()
    if field.pk and field.children.exists() and parent is not None:
        raise VolunteeringError(_("有子领域的领域不能移到其他领域下"))
    field.name, field.parent, field.level, field.sort_order = name[:60], parent, 2 if parent else 1, sort_order
    try:
        with transaction.atomic():
            field.save()
    except IntegrityError:
        raise VolunteeringError(_("已有同名领域：%(name)s") % {"name": name}) from None
    audit(actor, "volunteering.save_field", field)
    return field


def export_fields_xlsx() -> bytes:
    rows = []
    for top in ServiceField.objects.filter(parent__isnull=True).prefetch_related("children"):
        children = list(top.children.all())
        if children:
            rows.extend([top.name, child.name] for child in children)
        else:
            rows.append([top.name, ""])
    return xlsx_bytes([Sheet(title="服务领域", header=FIELD_HEADER, rows=rows)])


def read_fields_xlsx(data: bytes) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    """The (field, sub-field) rows of an uploaded workbook and the errors by row number."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # any unreadable upload is one clear message
        return [], [(0, _("无法读取文件：请上传 .xlsx 格式的 Excel 文件"))]
    ws = wb.worksheets[0]
    rows, errors, seen = [], [], set()
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = ["" if v is None else str(v).strip() for v in [*values, "", ""][:2]]
        if number == 1 and cells == FIELD_HEADER:
            continue
        if not any(cells):
            continue
        top, child = cells
        if not top:
            errors.append((number, _("第 %(row)d 行：缺少服务领域") % {"row": number}))
        elif len(top) > 60 or len(child) > 60:
            errors.append((number, _("第 %(row)d 行：名称超过 60 个字") % {"row": number}))
        elif (top, child) in seen:
            errors.append((number, _("第 %(row)d 行：与前面的行重复") % {"row": number}))
        else:
            seen.add((top, child))
            rows.append((top, child))
    wb.close()
    if not rows and not errors:
        errors.append((0, _("文件中没有服务领域")))
    return rows, errors


@transaction.atomic
def import_fields_xlsx(data: bytes, *, actor) -> tuple[int, list[tuple[int, str]]]:
    """Add the workbook's fields and sub-fields (existing ones are kept); a bad file imports nothing."""
    _need_taxonomy_admin(actor)
    rows, errors = read_fields_xlsx(data)
    if errors:
        return 0, errors
    created = 0
    tops = {f.name: f for f in ServiceField.objects.filter(parent__isnull=True)}
    for top_name, child_name in rows:
        top = tops.get(top_name)
        if top is None:
            top = tops[top_name] = ServiceField.objects.create(name=top_name, level=1, sort_order=len(tops))
            created += 1
        if child_name:
            _child, made = ServiceField.objects.get_or_create(parent=top, name=child_name, defaults={"level": 2})
            created += made
    audit(actor, "volunteering.import_fields", None, data={"rows": len(rows), "created": created})
    return created, []
