from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Article(models.Model):
    """An article of a unit's official account, mirrored from its ``article_published`` event.

    The events stay the source of truth (the points engine scores from them); this row exists so
    people can open, comment on and like an article. ``reads_72h``/``likes`` are the latest
    ``article_stats`` (by event time), ``stats_at`` that event's time.
    """

    external_id = models.CharField(_("文章编号"), max_length=200, unique=True)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("推送位置"))
    published_at = models.DateTimeField(_("发布时间"))
    title = models.CharField(_("标题"), max_length=200, blank=True)
    url = models.URLField(_("原文链接"), max_length=500, blank=True)
    reads_72h = models.PositiveIntegerField(_("72小时阅读量"), null=True, blank=True)
    likes = models.PositiveIntegerField(_("点赞数"), null=True, blank=True)
    stats_at = models.DateTimeField(_("统计时间"), null=True, blank=True)
    # The ``article_stats`` event the figures come from: a sync updates only rows whose latest differs.
    stats_event = models.ForeignKey(
        "journal.DomainEvent", verbose_name=_("统计事件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Set by participation's flags: N reports hide the article pending review.
    hidden = models.BooleanField(_("已隐藏"), default=False)

    class Meta:
        verbose_name = _("公众号文章")
        verbose_name_plural = _("公众号文章")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["published_at", "id"], name="media_article_published")]
        constraints = [
            models.CheckConstraint(condition=models.Q(position__gte=1), name="media_article_position_positive"),
        ]

    def __str__(self) -> str:
        return self.title or self.external_id

    def get_absolute_url(self) -> str:
        return reverse("media:article", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return not self.hidden

    @property
    def safe_url(self) -> str:
        """Only http(s) links are shown: an imported ``javascript:`` link would run in the reader."""
        return self.url if self.url.startswith(("http://", "https://")) else ""

    @property
    def shown_title(self) -> str:
        return self.title or _("文章 %(id)s") % {"id": self.external_id}
