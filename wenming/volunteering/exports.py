"""The hours export a city uploads to the national system, one row per record of the period."""

from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from wenming.core import crypto
from wenming.core.sheets import Sheet, xlsx_bytes
from wenming.journal.actions import audit
from wenming.people.permissions import is_admin

from .choices import EntryStatus
from .errors import VolunteeringError
from .models import Attendance, HoursEntry

HEADER = ["志愿者编号", "姓名", "证件类型", "证件号码", "服务项目", "服务组织", "服务日期", "开始时间", "结束时间",
          "服务时长（小时）", "状态"]


def hours_rows(start: date, end: date, *, org_ids=None, full_ids: bool = False):
    records = Attendance.objects.filter(day__gte=start, day__lte=end).select_related(
        "volunteer__user", "session__project__team").order_by("day", "check_in", "id")
    if org_ids is not None:
        records = records.filter(session__project__team_id__in=list(org_ids))
    counted = {}
    for att_id, hours in HoursEntry.objects.filter(
        attendance__in=records, status=EntryStatus.COUNTED
    ).values_list("attendance_id", "hours"):
        counted[att_id] = counted.get(att_id, Decimal("0.00")) + hours
    for r in records:
        v = r.volunteer
        yield [
            v.number or v.user.external_id, v.real_name, v.get_id_type_display(),
            crypto.decrypt(v.id_number_encrypted) if full_ids else v.id_masked, r.session.project.title,
            r.session.project.team.name, r.day, timezone.localtime(max(r.check_in, r.session.start)).strftime("%H:%M"),
            timezone.localtime(min(r.check_out, r.session.end)).strftime("%H:%M") if r.check_out else "",
            counted.get(r.pk, Decimal("0.00")), _("已计入") if counted.get(r.pk) else _("未计入"),
        ]


def hours_xlsx(start: date, end: date, *, org_ids=None, actor=None, full_ids: bool = False, reason: str = "") -> bytes:
    """The period's workbook; with ``full_ids`` (platform admins only, with a reason) audited as a reveal."""
    if full_ids:
        if not is_admin(actor) or not reason.strip():
            raise VolunteeringError(_("只有平台管理员可以导出完整证件号码，且须填写原因"))
    rows = list(hours_rows(start, end, org_ids=org_ids, full_ids=full_ids))
    if full_ids:
        audit(actor, "volunteering.export_ids", None, reason=reason.strip(),
              data={"start": start.isoformat(), "end": end.isoformat(), "rows": len(rows)})
    return xlsx_bytes([Sheet(title="志愿服务时长", header=HEADER, rows=rows)])
