from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import FollowerTarget, Unit, WorkGroup, WorkGroupMembership

admin.site.site_header = _("文明实践平台管理")
admin.site.site_title = _("文明实践平台")
admin.site.index_title = _("数据管理")


class FollowerTargetInline(admin.TabularInline):
    model = FollowerTarget
    extra = 0


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "headcount", "leader", "liaison", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    raw_id_fields = ["parent", "leader", "liaison"]
    inlines = [FollowerTargetInline]


@admin.register(FollowerTarget)
class FollowerTargetAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "kind", "number", "min_people", "share", "combinator"]
    list_filter = ["year", "kind"]
    search_fields = ["unit__name"]
    raw_id_fields = ["unit"]


class MembershipInline(admin.TabularInline):
    model = WorkGroupMembership
    extra = 0
    raw_id_fields = ["person"]


@admin.register(WorkGroup)
class WorkGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "region"]
    inlines = [MembershipInline]


@admin.register(WorkGroupMembership)
class WorkGroupMembershipAdmin(admin.ModelAdmin):
    list_display = ["group", "person", "joined_on", "left_on"]
    raw_id_fields = ["person"]
