from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    CivilizedUnit,
    FollowSubmission,
    FollowSurvey,
    ItemCompletion,
    Member,
    MemberRole,
    Post,
    Prompt,
    PromptAssignment,
    PromptItem,
    Reminder,
    RosterFiling,
    YearSetting,
)


@admin.register(FollowSurvey)
class FollowSurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "level", "status", "opened_at", "closed_at"]
    list_filter = ["status", "level"]
    search_fields = ["title"]


@admin.register(FollowSubmission)
class FollowSubmissionAdmin(admin.ModelAdmin):
    list_display = ["survey", "unit", "openid", "submitted_at"]
    list_filter = ["survey"]
    search_fields = ["openid"]
    raw_id_fields = ["person"]


@admin.register(YearSetting)
class YearSettingAdmin(admin.ModelAdmin):
    list_display = ["year", "roster_due", "blog_quota", "article_quota"]


@admin.register(CivilizedUnit)
class CivilizedUnitAdmin(admin.ModelAdmin):
    list_display = ["unit", "level"]
    list_filter = ["level"]
    raw_id_fields = ["unit"]


class MemberRoleInline(admin.TabularInline):
    model = MemberRole
    extra = 0


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    """Mobiles are shown masked here too: the whole number is for the member's own office's pages."""

    list_display = ["name", "county", "unit_name", "shown_mobile", "wechat_id"]
    list_filter = ["county"]
    search_fields = ["name", "unit_name"]
    raw_id_fields = ["county", "unit", "user"]
    inlines = [MemberRoleInline]

    @admin.display(description=_("手机号码"))
    def shown_mobile(self, obj):
        return obj.masked_mobile


@admin.register(MemberRole)
class MemberRoleAdmin(admin.ModelAdmin):
    list_display = ["member", "role"]
    list_filter = ["role"]
    raw_id_fields = ["member"]


@admin.register(RosterFiling)
class RosterFilingAdmin(admin.ModelAdmin):
    list_display = ["county", "year", "filed_at", "filed_by"]
    list_filter = ["year"]
    raw_id_fields = ["county", "filed_by"]


class PromptItemInline(admin.TabularInline):
    model = PromptItem
    extra = 0


@admin.register(Prompt)
class PromptAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "urgency", "deadline", "status"]
    list_filter = ["status", "urgency"]
    search_fields = ["title"]
    raw_id_fields = ["region", "created_by"]
    filter_horizontal = ["counties"]
    inlines = [PromptItemInline]


@admin.register(PromptItem)
class PromptItemAdmin(admin.ModelAdmin):
    list_display = ["title", "prompt", "order", "link"]
    raw_id_fields = ["prompt"]


@admin.register(PromptAssignment)
class PromptAssignmentAdmin(admin.ModelAdmin):
    list_display = ["prompt", "member", "county", "unit", "completed_at"]
    list_filter = ["county"]
    raw_id_fields = ["prompt", "member", "county", "unit"]


@admin.register(ItemCompletion)
class ItemCompletionAdmin(admin.ModelAdmin):
    list_display = ["assignment", "item", "link", "done_at"]
    raw_id_fields = ["assignment", "item"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["assignment", "channel", "sent_at", "sent_by"]
    list_filter = ["channel"]
    raw_id_fields = ["assignment", "sent_by"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "member", "unit", "published_on"]
    list_filter = ["kind"]
    search_fields = ["title"]
    raw_id_fields = ["member", "unit", "submitted_by"]
