from django.contrib import admin

from .models import AuditEntry, DomainEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """History is append-only: visible to admins, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "verb", "target_type", "target_id", "reason"]
    list_filter = ["verb"]
    search_fields = ["target_id", "reason"]


@admin.register(DomainEvent)
class DomainEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "type", "key", "person", "unit", "source"]
    list_filter = ["type", "source"]
    search_fields = ["key"]
