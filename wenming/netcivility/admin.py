from django.contrib import admin

from .models import FollowSubmission, FollowSurvey


@admin.register(FollowSurvey)
class FollowSurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "level", "status", "opened_at", "closed_at"]
    list_filter = ["status", "level"]
    search_fields = ["title"]


@admin.register(FollowSubmission)
class FollowSubmissionAdmin(admin.ModelAdmin):
    list_display = ["survey", "unit", "openid", "submitted_at"]
    list_filter = ["survey"]
    search_fields = ["openid"]
    raw_id_fields = ["person"]
