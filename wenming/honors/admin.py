from django.contrib import admin

from .models import (
    BackgroundCheck,
    Campaign,
    Evidence,
    Expert,
    Nomination,
    Objection,
    PanelRound,
    PanelSeat,
    PhoneConfirmation,
    PublicNotice,
    ResultEntry,
    ResultList,
    Review,
    Score,
    Vote,
)


class ConsoleManaged:
    """Shown here, changed only in the honors console, whose actions check what the campaign's
    progress has fixed (frozen settings) and audit every change; admin's plain form would not."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Campaign)
class CampaignAdmin(ConsoleManaged, admin.ModelAdmin):
    list_display = ["name", "kind", "region", "start_level", "top_level", "vote_period", "list_size"]
    list_filter = ["kind"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["nominee_name", "category", "campaign", "region", "level", "status", "created_at"]
    list_filter = ["status", "level", "campaign"]
    search_fields = ["nominee_name"]
    inlines = [EvidenceInline]
    # State changes go through the console (actions, audited); admin shows the record.
    readonly_fields = ["status", "level"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["nomination", "level", "decision", "reviewer", "at"]


@admin.register(PublicNotice)
class PublicNoticeAdmin(admin.ModelAdmin):
    list_display = ["title", "level", "region", "starts_on", "ends_on"]


@admin.register(Objection)
class ObjectionAdmin(admin.ModelAdmin):
    list_display = ["nomination", "status", "lodged_at", "resolved_at"]


@admin.register(BackgroundCheck)
class BackgroundCheckAdmin(admin.ModelAdmin):
    list_display = ["nomination", "department", "result", "checked_on"]


@admin.register(Expert)
class ExpertAdmin(ConsoleManaged, admin.ModelAdmin):
    list_display = ["name", "unit", "field", "active"]
    list_filter = ["active"]


class PanelSeatInline(admin.TabularInline):
    model = PanelSeat
    extra = 0


@admin.register(PanelRound)
class PanelRoundAdmin(admin.ModelAdmin):
    list_display = ["campaign", "number", "panel_size", "drawn_at", "deadline", "closed_at"]
    readonly_fields = ["seed", "pool_snapshot", "excluded", "candidates", "drawn"]
    inlines = [PanelSeatInline]


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    list_display = ["round", "expert", "nomination", "score"]


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ["candidate", "voter", "slot", "at", "ip", "voided_at"]
    list_filter = ["voided_at"]
    raw_id_fields = ["candidate", "voter", "voided_by"]


class ResultEntryInline(admin.TabularInline):
    model = ResultEntry
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ResultList)
class ResultListAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "published_at"]
    inlines = [ResultEntryInline]


@admin.register(PhoneConfirmation)
class PhoneConfirmationAdmin(admin.ModelAdmin):
    list_display = ["user", "phone", "sent_at", "confirmed_at"]
    exclude = ["code_hash"]
