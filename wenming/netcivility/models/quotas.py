"""Monthly quotas: volunteers' blog posts and nationally civilized units' original articles."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import PostKind


class Post(models.Model):
    """A blog post by a volunteer (``member``) or an original article by a civilized unit (``unit``).

    It counts in the month of ``published_on``.
    """

    kind = models.CharField(_("类型"), max_length=10, choices=PostKind.choices)
    member = models.ForeignKey("netcivility.Member", verbose_name=_("志愿者"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="posts")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("文明单位"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("标题"), max_length=200)
    link = models.URLField(_("链接"), max_length=500)
    published_on = models.DateField(_("发布日期"))
    submitted_at = models.DateTimeField(_("提交时间"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提交人"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("博文与原创稿")
        verbose_name_plural = _("博文与原创稿")
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["kind", "published_on"], name="netciv_post_kind_date")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=PostKind.BLOG) & Q(member__isnull=False) & Q(unit__isnull=True))
                | (Q(kind=PostKind.ARTICLE) & Q(unit__isnull=False) & Q(member__isnull=True)),
                name="netciv_post_owner_matches_kind",
            ),
            models.CheckConstraint(condition=Q(link__startswith="http://") | Q(link__startswith="https://"),
                                   name="netciv_post_link_http"),
            models.UniqueConstraint(fields=["kind", "member", "link"], name="netciv_blog_link_once"),
            models.UniqueConstraint(fields=["kind", "unit", "link"], name="netciv_article_link_once"),
            models.CheckConstraint(condition=~Q(title=""), name="netciv_post_title_not_blank"),
        ]

    def __str__(self) -> str:
        return self.title
