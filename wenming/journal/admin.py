from django.contrib import admin

from wenming.core.admin_mixins import ReadOnlyAdmin

from .models import AuditEntry, DomainEvent


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
