"""Admin shows the briefings' rows read-only: the actions are their write paths (permission, audit,
events); only the points per adoption level, a parameter, are edited here."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from wenming.core.admin_mixins import ReadOnlyAdmin

from .models import Adoption, Attachment, Briefing, LevelPoints, Manuscript, Section


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    can_delete = False
    readonly_fields = ["original_name", "kind", "size", "file"]

    def has_add_permission(self, request, obj=None):
        return False


class AdoptionInline(admin.TabularInline):
    model = Adoption
    fk_name = "manuscript"
    extra = 0
    can_delete = False
    readonly_fields = ["level", "briefing", "section", "position", "outlet", "adopted_at", "adopted_by"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Manuscript)
class ManuscriptAdmin(ReadOnlyAdmin):
    list_display = ["title", "origin", "region", "sector", "unit", "status", "submitted_at", "first_adopted_at"]
    list_filter = ["status", "origin"]
    search_fields = ["title", "author", "external_id"]
    date_hierarchy = "submitted_at"
    inlines = [AttachmentInline, AdoptionInline]


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    can_delete = False
    readonly_fields = ["title", "kind", "position"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Briefing)
class BriefingAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "date", "issuer", "level", "status", "document_number", "print_run"]
    list_filter = ["status", "year", "level"]
    search_fields = ["title", "document_number"]
    inlines = [SectionInline]


@admin.register(Section)
class SectionAdmin(ReadOnlyAdmin):
    list_display = ["briefing", "position", "title", "kind"]
    list_filter = ["kind"]


@admin.register(Adoption)
class AdoptionAdmin(ReadOnlyAdmin):
    list_display = ["manuscript", "level", "briefing", "section", "position", "outlet", "adopted_at"]
    list_filter = ["level"]
    search_fields = ["manuscript__title", "outlet"]
    raw_id_fields = ["manuscript"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "kind", "size", "manuscript"]
    list_filter = ["kind"]


@admin.register(LevelPoints)
class LevelPointsAdmin(admin.ModelAdmin):
    list_display = ["level", "points"]
    help_text = _("未设置的级别按默认分值计：国家级 50、省级 20、市级 10、县级 5")
