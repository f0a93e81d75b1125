from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from wenming.core.admin_mixins import DateHierarchyGuard

from .models import GroupChoice, RoleAssignment, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "group", "masked_phone", "is_staff", "is_active"]
    search_fields = ["username", "display_name", "external_id", "openid"]
    raw_id_fields = ["group"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            _("平台资料"),
            {
                "fields": (
                    "display_name",
                    "real_name",
                    "phone",
                    "phone_verified_at",
                    "openid",
                    "unionid",
                    "wechat_verified_at",
                    "external_id",
                    "group",
                )
            },
        ),
    )

    @admin.display(description=_("手机号"))
    def masked_phone(self, obj):
        return obj.masked_phone


@admin.register(GroupChoice)
class GroupChoiceAdmin(DateHierarchyGuard, admin.ModelAdmin):
    list_display = ["person", "unit", "chosen_at", "source"]
    list_filter = ["source"]
    raw_id_fields = ["person", "unit"]
    date_hierarchy = "chosen_at"


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit"]
    list_filter = ["role"]
    raw_id_fields = ["user", "unit"]
