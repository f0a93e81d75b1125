"""Reads for the WeChat console."""

from django.db.models import Count

from .models import InboundMessage, KeywordReply


def console_rows():
    """Keyword replies with how often each was matched (one grouped query)."""
    hits = dict(
        InboundMessage.objects.exclude(matched_keyword="")
        .values_list("matched_keyword")
        .annotate(n=Count("id"))
        .values_list("matched_keyword", "n")
    )
    rows = list(KeywordReply.objects.all())
    for row in rows:
        row.hits = hits.get(row.keyword, 0)
    return rows
