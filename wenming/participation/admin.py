from django.contrib import admin

from .models import Comment, Flag, Lead, Like, Livestream, Share, ShareLink, Story, StoryImage, WishClaim


class StoryImageInline(admin.TabularInline):
    model = StoryImage
    extra = 0


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "author", "status", "hidden", "created_at", "decided_at"]
    list_filter = ["status", "hidden"]
    search_fields = ["title", "body"]
    raw_id_fields = ["author", "unit", "decided_by"]
    inlines = [StoryImageInline]


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "unit", "author", "status", "hidden", "created_at"]
    list_filter = ["kind", "status", "hidden"]
    search_fields = ["title", "body", "beneficiary"]
    raw_id_fields = ["author", "unit", "decided_by"]


@admin.register(WishClaim)
class WishClaimAdmin(admin.ModelAdmin):
    list_display = ["lead", "claimant", "unit", "status", "claimed_at", "fulfilled_at", "confirmed_at", "stars"]
    list_filter = ["status"]
    raw_id_fields = ["lead", "claimant", "unit"]


@admin.register(Livestream)
class LivestreamAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "planned_start", "status", "held_at", "undeclared", "clicks_72h"]
    list_filter = ["status", "undeclared"]
    search_fields = ["title"]
    raw_id_fields = ["author", "unit", "decided_by"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["body", "author", "unit", "content_type", "object_id", "valid", "hidden", "created_at"]
    list_filter = ["valid", "hidden", "content_type"]
    search_fields = ["body"]
    raw_id_fields = ["author", "unit", "parent"]


@admin.register(Like)
class LikeAdmin(admin.ModelAdmin):
    list_display = ["person", "content_type", "object_id", "created_at", "removed_at"]
    raw_id_fields = ["person"]


@admin.register(Share)
class ShareAdmin(admin.ModelAdmin):
    list_display = ["sharer", "content_type", "object_id", "channel", "created_at"]
    list_filter = ["channel"]
    raw_id_fields = ["sharer"]


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    list_display = ["token", "sharer", "content_type", "object_id", "created_at"]
    raw_id_fields = ["sharer"]


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ["reporter", "content_type", "object_id", "reason", "created_at", "resolved_at"]
    raw_id_fields = ["reporter"]
