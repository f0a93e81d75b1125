from django.db import models
from django.utils.translation import gettext_lazy as _

IMPORT_TEAM = "导入数据"  # the team of imported sessions that name none
EVENT_VOLUNTEER = "volunteer"
EVENT_SESSION = "service_session"
EVENT_ATTENDANCE = "attendance"
EVENT_APPROVAL = "hours_approval"
ID_HASH_PURPOSE = "volunteer-id"
AUDIT_TARGET = "volunteering"


class IdType(models.TextChoices):
    RESIDENT = "resident", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO = "hk_macao", _("港澳居民来往内地通行证")
    TAIWAN = "taiwan", _("台湾居民来往大陆通行证")


class Source(models.TextChoices):
    WEB = "web", _("网页")
    IMPORT = "import", _("导入")


class OrgKind(models.TextChoices):
    CENTER = "center", _("新时代文明实践中心")
    INSTITUTE = "institute", _("新时代文明实践所")
    STATION = "station", _("新时代文明实践站")
    HUB = "hub", _("枢纽型组织")
    TEAM = "team", _("志愿服务队")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    ACTIVE = "active", _("在队")
    REJECTED = "rejected", _("未通过")
    LEFT = "left", _("已退出")


LIVE_MEMBERSHIP = (MembershipStatus.PENDING, MembershipStatus.ACTIVE)


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("招募中")
    CLOSED = "closed", _("已结束")


class SignupStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已录用")
    WAITLISTED = "waitlisted", _("候补中")
    REJECTED = "rejected", _("未录用")
    CANCELLED = "cancelled", _("已取消")


LIVE_SIGNUP = (SignupStatus.PENDING, SignupStatus.APPROVED, SignupStatus.WAITLISTED)
# Sign-ups that hold a place (the waitlist waits for one of these to free).
HOLDING_SIGNUP = (SignupStatus.PENDING, SignupStatus.APPROVED)


class AttendanceSource(models.TextChoices):
    QR = "qr", _("扫码")
    CODE = "code", _("签到码")
    ORGANISER = "organiser", _("组织者登记")
    BACKFILL = "backfill", _("补录")
    IMPORT = "import", _("导入")


class EntryStatus(models.TextChoices):
    COUNTED = "counted", _("已计入")
    PENDING = "pending", _("待审核")
    NOT_COUNTED = "not_counted", _("不计入")


class DisputeStatus(models.TextChoices):
    OPEN = "open", _("待答复")
    UPHELD = "upheld", _("已更正")
    REJECTED = "rejected", _("维持原记录")
