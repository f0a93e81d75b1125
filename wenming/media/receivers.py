"""Single events (the web, ``journal.actions.record_event``) keep their article in step at once."""

from django.dispatch import receiver

from wenming.journal.actions import event_recorded
from wenming.points.importing import events_imported

from .actions import sync_articles
from .choices import ARTICLE_TYPES


@receiver(event_recorded, dispatch_uid="media.article_events")
def on_event(sender, event, **kwargs):
    if event.type in ARTICLE_TYPES and event.data.get("article") not in (None, ""):
        sync_articles([event.data["article"]])


@receiver(events_imported, dispatch_uid="media.article_import")
def on_import(sender, result, **kwargs):
    # One set-wise sync per import, only when the file brought article events.
    if any(result.by_type.get(name) for name in ARTICLE_TYPES):
        sync_articles()
