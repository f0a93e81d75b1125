from django.contrib import admin

from wenming.core.admin_mixins import ReadOnlyAdmin, ViewOnlyAdmin

from .models import CalendarOverride, CatalogueItem, Entry, FrozenMonth, Order, RuleSet, Total


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ["scheme", "version", "effective_from", "loaded_at"]
    list_filter = ["scheme"]
    # Rule sets come from the scheme's data file (wenming load-scheme), not from hand edits.
    readonly_fields = ["scheme", "version", "effective_from", "rules", "loaded_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    """The ledger is append-only: entries are written by the points actions, never edited here."""

    list_display = ["period", "kind", "person", "unit", "rule", "amount", "ruleset", "event", "created_at"]
    list_filter = ["kind", "scheme", "period", "rule"]
    search_fields = ["item", "rule", "person__external_id", "person__username", "unit__name"]
    raw_id_fields = ["person", "unit", "event", "actor", "order", "ruleset"]
    list_select_related = ["person", "unit", "ruleset", "event"]


@admin.register(Total)
class TotalAdmin(ViewOnlyAdmin):
    list_display = ["period", "scheme", "person", "unit", "points"]
    list_filter = ["scheme", "period"]
    raw_id_fields = ["person", "unit"]


@admin.register(FrozenMonth)
class FrozenMonthAdmin(admin.ModelAdmin):
    list_display = ["scheme", "period", "frozen_at", "frozen_by"]
    readonly_fields = ["scheme", "period", "frozen_at", "frozen_by"]

    # A month is frozen by publishing its bulletin and reopened by points.actions.reopen_month with a
    # reason; a row added or deleted here would do either with no reason and no recompute.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["day", "is_workday", "note"]


@admin.register(CatalogueItem)
class CatalogueItemAdmin(admin.ModelAdmin):
    list_display = ["name", "cost", "stock", "per_person_limit", "active_from", "active_until", "is_active"]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["created_at", "person", "item", "cost", "status", "handled_by"]
    list_filter = ["status"]
    raw_id_fields = ["person", "handled_by"]
    readonly_fields = ["person", "item", "cost", "status", "created_at", "handled_at", "handled_by"]

    def has_add_permission(self, request):
        # Orders are placed by people spending their points (points.actions), never typed in here.
        return False
