"""Public reads of articles: the list (one query with counts) and one article's page data."""

from django.shortcuts import get_object_or_404

from wenming.participation import queries as participation

from .choices import LIST_LIMIT
from .models import Article


def public_articles(*, limit: int = LIST_LIMIT):
    """Newest first, with comment and like counts as subqueries: one query for the whole list."""
    qs = Article.objects.filter(hidden=False).select_related("unit")
    return participation.with_counts(qs).order_by("-published_at", "-id")[:limit]


def public_article(pk: int) -> Article:
    return get_object_or_404(Article.objects.select_related("unit"), pk=pk, hidden=False)
