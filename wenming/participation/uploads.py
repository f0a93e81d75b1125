"""Upload checks of participation: the shared ones of ``wenming.core.uploads``, re-exported for callers."""

from wenming.core.uploads import MAX_PIXELS, MEDIA_TYPES, check_document, check_media, clean_image, detect

__all__ = ["MAX_PIXELS", "MEDIA_TYPES", "check_document", "check_media", "clean_image", "detect"]
