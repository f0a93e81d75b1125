from django.contrib import admin

from .models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["external_id", "title", "unit", "position", "published_at", "reads_72h", "likes", "hidden"]
    list_filter = ["hidden", "position"]
    search_fields = ["external_id", "title"]
    raw_id_fields = ["unit", "stats_event"]
    readonly_fields = ["stats_event", "stats_at"]
