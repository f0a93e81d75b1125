from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles are Django groups of the same name; unit-scoped roles also carry a RoleAssignment."""

    CITIZEN = "citizen", _("群众")
    LIAISON = "liaison", _("单位联络员")
    LEADER = "leader", _("分管领导")
    EDITOR = "editor", _("编辑")
    REVIEWER = "reviewer", _("审核员")
    EXPERT = "expert", _("评审专家")
    ADMIN = "admin", _("管理员")


# Roles that work in the staff console (desktop), as opposed to the mobile pages.
STAFF_ROLES = frozenset({Role.EDITOR, Role.REVIEWER, Role.ADMIN})


class ChoiceSource(models.TextChoices):
    WEB = "web", _("页面选择")
    IMPORT = "import", _("导入")
    ADMIN = "admin", _("后台设置")
