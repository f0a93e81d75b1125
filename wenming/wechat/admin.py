from django.contrib import admin

from wenming.core.admin_mixins import ViewOnlyAdmin

from .models import InboundMessage, KeywordReply, ReplyText


@admin.register(KeywordReply)
class KeywordReplyAdmin(admin.ModelAdmin):
    list_display = ["keyword", "kind", "text", "link", "is_active", "updated_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["keyword", "text"]


@admin.register(ReplyText)
class ReplyTextAdmin(admin.ModelAdmin):
    list_display = ["slot", "text", "updated_at"]


@admin.register(InboundMessage)
class InboundMessageAdmin(ViewOnlyAdmin):
    """The log is a record of what WeChat delivered: read-only here."""

    list_display = ["received_at", "openid", "msg_type", "event", "matched_keyword", "safe_mode"]
    list_filter = ["msg_type", "event", "safe_mode"]
    search_fields = ["openid", "matched_keyword"]
    date_hierarchy = "received_at"
