"""Admin bases for records the admin may read but never write.

Such rows are written only by their app's actions (with permission checks and audit); the admin
shows them. ``ViewOnlyAdmin`` still lets an admin delete (e.g. a message log); ``ReadOnlyAdmin``
does not (append-only history, published snapshots, the ledger).
"""

from django.contrib import admin


class ViewOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ViewOnlyAdmin):
    def has_delete_permission(self, request, obj=None):
        return False
