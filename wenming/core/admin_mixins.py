"""Admin bases for records the admin may read but never write.

Such rows are written only by their app's actions (with permission checks and audit); the admin
shows them. ``ViewOnlyAdmin`` still lets an admin delete (e.g. a message log); ``ReadOnlyAdmin``
does not (append-only history, published snapshots, the ledger).
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters


class DateHierarchyGuard:
    """Django's changelist turns a bad ``date_hierarchy`` year into a ValueError it handles, but a
    30-digit year raises OverflowError, which it does not: a 500. Treated as the bad lookup it is."""

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except OverflowError as exc:
            raise IncorrectLookupParameters(exc) from exc


class ViewOnlyAdmin(DateHierarchyGuard, admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ViewOnlyAdmin):
    def has_delete_permission(self, request, obj=None):
        return False
