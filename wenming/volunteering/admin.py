"""Admin for every volunteering model, in Chinese. Personal data shows masked; the ledger is read-only."""

from django.contrib import admin

from wenming.core.admin_mixins import ReadOnlyAdmin, ViewOnlyAdmin

from .models import (
    Attendance,
    AwardRecord,
    DayApproval,
    Dispute,
    EvaluationRecord,
    HoursEntry,
    Membership,
    NumberSequence,
    OrgAdmin,
    Organisation,
    Project,
    ServiceField,
    Session,
    Signup,
    StarAward,
    TrainingRecord,
    Volunteer,
)


@admin.register(ServiceField)
class ServiceFieldAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "level", "sort_order", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name"]


@admin.register(Volunteer)
class VolunteerAdmin(ViewOnlyAdmin):
    """Registered through the registration page or an import; ID numbers are never shown in full here."""

    list_display = ["real_name", "number", "id_type", "id_masked", "phone_masked", "source", "registered_at"]
    list_filter = ["id_type", "source"]
    search_fields = ["real_name", "number", "user__external_id"]
    exclude = ["id_number_encrypted", "id_hash", "phone_encrypted", "emergency_phone_encrypted"]
    raw_id_fields = ["user", "region"]


class _RecordAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "title", "on", "issuer"]
    search_fields = ["title", "volunteer__real_name"]
    raw_id_fields = ["volunteer"]


admin.site.register(TrainingRecord, _RecordAdmin)
admin.site.register(AwardRecord, _RecordAdmin)
admin.site.register(EvaluationRecord, _RecordAdmin)


@admin.register(NumberSequence)
class NumberSequenceAdmin(ReadOnlyAdmin):
    list_display = ["prefix", "last"]


class OrgAdminInline(admin.TabularInline):
    model = OrgAdmin
    raw_id_fields = ["user"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "unit", "join_needs_approval", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    raw_id_fields = ["parent", "unit"]
    inlines = [OrgAdminInline]


@admin.register(Membership)
class MembershipAdmin(ViewOnlyAdmin):
    list_display = ["volunteer", "organisation", "status", "created_at", "decided_by"]
    list_filter = ["status"]
    search_fields = ["volunteer__real_name", "organisation__name"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "team", "field", "slots", "status", "created_at"]
    list_filter = ["status", "field"]
    search_fields = ["title"]
    raw_id_fields = ["team", "district", "created_by"]


@admin.register(Session)
class SessionAdmin(ViewOnlyAdmin):
    list_display = ["project", "start", "end", "place", "external_id"]
    search_fields = ["project__title", "external_id"]
    date_hierarchy = "start"


@admin.register(Signup)
class SignupAdmin(ViewOnlyAdmin):
    list_display = ["volunteer", "session", "status", "created_at"]
    list_filter = ["status"]


@admin.register(Attendance)
class AttendanceAdmin(ViewOnlyAdmin):
    """Records change only through check-in, confirmation, back-fill and correction (which post to the ledger)."""

    list_display = ["volunteer", "session", "day", "check_in", "check_out", "hours", "source", "outside_radius"]
    list_filter = ["source", "outside_radius"]
    search_fields = ["volunteer__real_name", "volunteer__number"]
    date_hierarchy = "day"


@admin.register(HoursEntry)
class HoursEntryAdmin(ReadOnlyAdmin):
    list_display = ["id", "volunteer", "day", "status", "hours", "reverses", "actor", "reason", "rule_version",
                    "created_at"]
    list_filter = ["status", "rule_version"]
    search_fields = ["volunteer__real_name", "volunteer__number"]
    date_hierarchy = "day"


@admin.register(DayApproval)
class DayApprovalAdmin(ReadOnlyAdmin):
    list_display = ["volunteer", "day", "hours", "actor", "organisation", "at"]


@admin.register(Dispute)
class DisputeAdmin(ViewOnlyAdmin):
    list_display = ["attendance", "status", "created_at", "answered_by", "answered_at"]
    list_filter = ["status"]


@admin.register(StarAward)
class StarAwardAdmin(ReadOnlyAdmin):
    list_display = ["volunteer", "level", "hours", "awarded_at"]
    list_filter = ["level"]
