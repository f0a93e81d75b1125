"""Single events (the web, ``journal.actions.record_event``) keep their article in step at once."""

from django.dispatch import receiver

from wenming.journal.actions import event_recorded
from wenming.points.importing import events_imported

from .actions import sync_articles
from .choices import ARTICLE_TYPES, PUBLISHED


@receiver(event_recorded, dispatch_uid="media.article_events")
def on_event(sender, event, **kwargs):
    if event.type in ARTICLE_TYPES and event.data.get("article") not in (None, "") and _mirrorable(event):
        sync_articles([event.data["article"]])


def _mirrorable(event) -> bool:
    """Events an article row can hold; others stay events only and never block their recording."""
    data = event.data
    if event.type == PUBLISHED:
        return event.unit_id is not None and _count(data.get("position")) and data["position"] >= 1
    return _count(data.get("reads_72h")) and _count(data.get("likes"))


def _count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


@receiver(events_imported, dispatch_uid="media.article_import")
def on_import(sender, result, **kwargs):
    # One set-wise sync per import, only when the file brought article events.
    if any(result.by_type.get(name) for name in ARTICLE_TYPES):
        sync_articles()
