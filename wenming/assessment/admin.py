from django.contrib import admin

from wenming.core.admin_mixins import DateHierarchyGuard, ReadOnlyAdmin, ViewOnlyAdmin

from .models import Bulletin, Enrollment, FraudFinding, Item, Material, QualityScore, Republication, Scheme


class EnrollmentInline(admin.TabularInline):
    model = Enrollment
    extra = 0
    raw_id_fields = ["unit"]


class ItemInline(admin.TabularInline):
    model = Item
    extra = 0


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "kind", "year"]
    inlines = [ItemInline, EnrollmentInline]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["scheme", "unit", "is_other"]
    list_filter = ["scheme"]
    raw_id_fields = ["unit"]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["scheme", "number", "title", "points", "standard", "quality_scored", "needs_seal"]
    list_filter = ["scheme", "standard"]


@admin.register(Material)
class MaterialAdmin(DateHierarchyGuard, admin.ModelAdmin):
    list_display = ["title", "unit", "item", "reported_at", "author", "checked_by", "has_seal", "has_signature", "source"]
    list_filter = ["item__scheme", "source"]
    raw_id_fields = ["unit", "created_by"]
    date_hierarchy = "reported_at"


@admin.register(QualityScore)
class QualityScoreAdmin(admin.ModelAdmin):
    list_display = ["unit", "item", "year", "score", "max_points", "reviewer"]
    list_filter = ["year", "item__scheme"]
    raw_id_fields = ["unit", "reviewer"]


@admin.register(Republication)
class RepublicationAdmin(admin.ModelAdmin):
    list_display = ["unit", "at", "title"]
    raw_id_fields = ["unit"]


@admin.register(FraudFinding)
class FraudFindingAdmin(ViewOnlyAdmin):
    """Findings are recorded through the action (permission, evidence, audit); the admin only reads."""

    list_display = ["unit", "year", "source", "recorded_by", "recorded_at"]
    list_filter = ["year"]
    raw_id_fields = ["unit", "recorded_by"]


@admin.register(Bulletin)
class BulletinAdmin(ReadOnlyAdmin):
    """A published bulletin is a snapshot: never added or edited here."""

    list_display = ["scheme", "year", "month", "version", "published_at", "published_by"]
    list_filter = ["scheme", "year"]
