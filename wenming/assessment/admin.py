from django.contrib import admin

from .models import Enrollment, Scheme


class EnrollmentInline(admin.TabularInline):
    model = Enrollment
    extra = 0
    raw_id_fields = ["unit"]


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "kind", "year"]
    inlines = [EnrollmentInline]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["scheme", "unit", "is_other"]
    list_filter = ["scheme"]
    raw_id_fields = ["unit"]
