"""Constants of the media app."""

PUBLISHED = "article_published"
STATS = "article_stats"
ARTICLE_TYPES = (PUBLISHED, STATS)
LIST_LIMIT = 50
