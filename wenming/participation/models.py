"""i分享 stories, i牵手 leads and micro-wishes, i直播 livestreams, and what people do to them.

Stories, leads and livestreams share one moderated shape (``Moderated``): an author, the unit the
author belonged to when posting (stored, so moderation scope and unit counts never move when the
author changes group), a status an editor decides, and a ``hidden`` switch that flags set.
Comments, likes, shares and flags point at their target through a generic relation, so the media
app's articles can be commented on and liked without any change here.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wenming.core.uploads import RandomName

from .choices import (
    BODY_MAX,
    COMMENT_MAX,
    MAX_IMAGES,
    REASON_MAX,
    TITLE_MAX,
    ClaimStatus,
    LeadKind,
    ShareChannel,
    Status,
    Validity,
)


class OnTarget(models.Model):
    """Points at any item (story, lead, livestream, another app's article) through contenttypes."""

    content_type = models.ForeignKey(ContentType, verbose_name=_("对象类型"), on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    target = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True


class Comment(OnTarget):
    """A comment on any item, with one level of replies. ``valid`` decides whether it counts."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评论人"), on_delete=models.PROTECT, related_name="comments"
    )
    # The author's group at posting time, else the target's unit: the editors who may review it.
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("所属单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey(
        "self", verbose_name=_("回复的评论"), null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.CharField(_("内容"), max_length=COMMENT_MAX)
    valid = models.BooleanField(_("有效评论"), default=False)
    validity_by = models.CharField(_("判定方式"), max_length=10, choices=Validity.choices, default=Validity.RULE)
    # How many comment_valid events this comment has produced: each re-validation needs a new key.
    valid_rounds = models.PositiveSmallIntegerField(_("有效判定次数"), default=0)
    hidden = models.BooleanField(_("已隐藏"), default=False)
    created_at = models.DateTimeField(_("发表时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("评论")
        verbose_name_plural = _("评论")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"], name="part_comment_target")]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="part_comment_body_not_empty"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="part_comment_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:20]}"


class Like(OnTarget):
    """One like per person per item; a second tap sets ``removed_at`` (the row stays as history)."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("点赞人"), on_delete=models.PROTECT, related_name="likes")
    created_at = models.DateTimeField(_("点赞时间"), default=timezone.now)
    removed_at = models.DateTimeField(_("取消时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("点赞")
        verbose_name_plural = _("点赞")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "person"],
                condition=Q(removed_at__isnull=True),
                name="part_like_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=Q(removed_at__isnull=True) | Q(removed_at__gte=models.F("created_at")),
                name="part_like_removed_after_created",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ♥ {self.content_type_id}:{self.object_id}"


class ShareLink(OnTarget):
    """A personal share link: whoever opens it records a share for ``sharer``."""

    token = models.CharField(_("令牌"), max_length=32, unique=True)
    sharer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("分享人"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("分享链接")
        verbose_name_plural = _("分享链接")
        constraints = [
            models.UniqueConstraint(fields=["sharer", "content_type", "object_id"], name="part_sharelink_one_per_target"),
            models.CheckConstraint(condition=~Q(token=""), name="part_sharelink_token_not_empty"),
        ]

    def __str__(self) -> str:
        return self.token


class Share(OnTarget):
    """A recorded share. A token (share link) records at most one share, however often it is opened."""

    sharer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("分享人"), on_delete=models.PROTECT, related_name="shares")
    channel = models.CharField(_("渠道"), max_length=20, choices=ShareChannel.choices)
    token = models.CharField(_("令牌"), max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(_("分享时间"), default=timezone.now)

    class Meta:
        verbose_name = _("分享")
        verbose_name_plural = _("分享")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(token=""), name="part_share_token_not_blank"),
            models.CheckConstraint(condition=Q(channel__in=ShareChannel.values), name="part_share_channel_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.sharer} → {self.content_type_id}:{self.object_id}"


class Flag(OnTarget):
    """A report on an item. Enough open reports hide the item until an editor reviews it."""

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("举报人"), on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("举报理由"), max_length=REASON_MAX, blank=True)
    created_at = models.DateTimeField(_("举报时间"), default=timezone.now)
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("举报")
        verbose_name_plural = _("举报")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="part_flag_target")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter"],
                condition=Q(resolved_at__isnull=True),
                name="part_flag_one_open_per_reporter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reporter} ⚑ {self.content_type_id}:{self.object_id}"


class Moderated(models.Model):
    """What stories, leads and livestream declarations share: author, unit, status, visibility."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发布人"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("标题"), max_length=TITLE_MAX)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    reason = models.CharField(_("未录用原因"), max_length=REASON_MAX, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    hidden = models.BooleanField(_("已隐藏"), default=False)
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)

    comments = GenericRelation(Comment)
    likes = GenericRelation(Like)
    shares = GenericRelation(Share)
    flags = GenericRelation(Flag)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @classmethod
    def moderated_constraints(cls, prefix: str) -> list:
        return [
            models.CheckConstraint(condition=~Q(title=""), name=f"{prefix}_title_not_empty"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name=f"{prefix}_status_valid"),
            # A decision carries who and when; a rejection also carries the reason the author sees.
            models.CheckConstraint(
                condition=(Q(status=Status.PENDING) & Q(decided_at__isnull=True) & Q(decided_by__isnull=True))
                | (~Q(status=Status.PENDING) & Q(decided_at__isnull=False)),
                name=f"{prefix}_decision_complete",
            ),
            models.CheckConstraint(condition=~Q(status=Status.REJECTED) | ~Q(reason=""), name=f"{prefix}_reject_has_reason"),
        ]

    @property
    def is_public(self) -> bool:
        return self.status == Status.ACCEPTED and not self.hidden


class Story(Moderated):
    """An i分享 post: a good deed or a moving moment, with up to 9 images and optional audio/video."""

    body = models.TextField(_("正文"), max_length=BODY_MAX)
    place = models.CharField(_("地点"), max_length=100, blank=True)
    happened_on = models.DateField(_("日期"), null=True, blank=True)
    tags = models.CharField(_("标签"), max_length=200, blank=True, help_text=_("以逗号分隔"))
    audio = models.FileField(_("音频"), upload_to=RandomName("participation/audio/%Y/%m/"), blank=True)
    video = models.FileField(_("视频"), upload_to=RandomName("participation/video/%Y/%m/"), blank=True)
    media_link = models.URLField(_("音视频链接"), blank=True)

    kind_slug = "story"

    class Meta:
        verbose_name = _("i分享")
        verbose_name_plural = _("i分享")
        ordering = ["-created_at", "-id"]
        constraints = [
            *Moderated.moderated_constraints("part_story"),
            models.CheckConstraint(condition=~Q(body=""), name="part_story_body_not_empty"),
        ]
        indexes = [models.Index(fields=["unit", "status", "decided_at"], name="part_story_feed")]

    @property
    def tag_labels(self) -> list[str]:
        from .choices import Tag

        labels = dict(Tag.choices)
        return [str(labels.get(t, t)) for t in self.tags.split(",") if t]


class StoryImage(models.Model):
    """One image of a story, re-encoded on upload."""

    story = models.ForeignKey(Story, verbose_name=_("i分享"), on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("图片"), upload_to=RandomName("participation/images/%Y/%m/"))
    position = models.PositiveSmallIntegerField(_("顺序"))

    class Meta:
        verbose_name = _("i分享图片")
        verbose_name_plural = _("i分享图片")
        ordering = ["story_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["story", "position"], name="part_image_unique_position"),
            models.CheckConstraint(condition=Q(position__lt=MAX_IMAGES), name="part_image_at_most_nine"),
        ]

    def __str__(self) -> str:
        return f"{self.story_id}#{self.position}"


class Lead(Moderated):
    """An i牵手 post: a public-welfare activity lead, or a micro-wish posted for a person in need."""

    kind = models.CharField(_("类型"), max_length=10, choices=LeadKind.choices)
    body = models.TextField(_("内容"), max_length=BODY_MAX)
    place = models.CharField(_("地点"), max_length=100, blank=True)
    beneficiary = models.CharField(_("心愿人"), max_length=50, blank=True)
    needed_by = models.DateField(_("期望实现日期"), null=True, blank=True)

    kind_slug = "lead"

    class Meta:
        verbose_name = _("i牵手")
        verbose_name_plural = _("i牵手")
        ordering = ["-created_at", "-id"]
        constraints = [
            *Moderated.moderated_constraints("part_lead"),
            models.CheckConstraint(condition=~Q(body=""), name="part_lead_body_not_empty"),
            models.CheckConstraint(condition=Q(kind__in=LeadKind.values), name="part_lead_kind_valid"),
            models.CheckConstraint(condition=~Q(kind=LeadKind.WISH) | ~Q(beneficiary=""), name="part_lead_wish_has_beneficiary"),
        ]
        indexes = [models.Index(fields=["unit", "status", "decided_at"], name="part_lead_feed")]

    @property
    def is_wish(self) -> bool:
        return self.kind == LeadKind.WISH


class WishClaim(models.Model):
    """A claim on a micro-wish by a volunteer (or a unit through its liaison). Each step is dated.

    Only one claim per wish may be live (anything but released): a partial unique constraint.
    """

    lead = models.ForeignKey(Lead, verbose_name=_("微心愿"), on_delete=models.PROTECT, related_name="claims")
    claimant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("认领人"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("认领单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.CLAIMED)
    claimed_at = models.DateTimeField(_("认领时间"), default=timezone.now)
    released_at = models.DateTimeField(_("放弃时间"), null=True, blank=True)
    fulfilled_at = models.DateTimeField(_("实现时间"), null=True, blank=True)
    photo = models.ImageField(_("实现照片"), upload_to=RandomName("participation/wishes/%Y/%m/"), blank=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    evaluated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    stars = models.PositiveSmallIntegerField(_("评分"), null=True, blank=True)
    evaluation = models.CharField(_("评价"), max_length=COMMENT_MAX, blank=True)

    class Meta:
        verbose_name = _("微心愿认领")
        verbose_name_plural = _("微心愿认领")
        ordering = ["-claimed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["lead"], condition=~Q(status=ClaimStatus.RELEASED), name="part_claim_one_active_per_wish"
            ),
            models.CheckConstraint(condition=Q(status__in=ClaimStatus.values), name="part_claim_status_valid"),
            models.CheckConstraint(
                condition=Q(stars__isnull=True) | (Q(stars__gte=1) & Q(stars__lte=5)), name="part_claim_stars_1_5"
            ),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.RELEASED) | Q(released_at__isnull=False), name="part_claim_released_dated"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[ClaimStatus.FULFILLED, ClaimStatus.CONFIRMED, ClaimStatus.EVALUATED])
                | (Q(fulfilled_at__isnull=False) & ~Q(photo="")),
                name="part_claim_fulfilled_has_photo",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[ClaimStatus.CONFIRMED, ClaimStatus.EVALUATED]) | Q(confirmed_at__isnull=False),
                name="part_claim_confirmed_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.EVALUATED) | (Q(evaluated_at__isnull=False) & Q(stars__isnull=False)),
                name="part_claim_evaluated_has_stars",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lead} ← {self.claimant}"


class Livestream(Moderated):
    """An i直播 session: declared in advance by a liaison, approved by an editor, then held.

    ``author`` is the declaring liaison. A session recorded as held without an approved earlier
    declaration is kept with ``undeclared`` set and earns nothing (RULES §1.3 rule 4).
    """

    planned_start = models.DateTimeField(_("计划开始时间"))
    place = models.CharField(_("地点"), max_length=100)
    link = models.URLField(_("直播链接"))
    held_at = models.DateTimeField(_("实际开始时间"), null=True, blank=True)
    undeclared = models.BooleanField(_("未提前申报"), default=False)
    clicks_72h = models.PositiveIntegerField(_("72小时点击量"), null=True, blank=True)
    clicks_recorded_at = models.DateTimeField(_("点击量记录时间"), null=True, blank=True)

    kind_slug = "livestream"

    class Meta:
        verbose_name = _("i直播")
        verbose_name_plural = _("i直播")
        ordering = ["-planned_start", "-id"]
        constraints = [
            *Moderated.moderated_constraints("part_live"),
            models.CheckConstraint(condition=~Q(link=""), name="part_live_link_not_empty"),
            # An undeclared record exists only as a held session.
            models.CheckConstraint(condition=~Q(undeclared=True) | Q(held_at__isnull=False), name="part_live_undeclared_is_held"),
            # Held only after approval, unless it is the undeclared record.
            models.CheckConstraint(
                condition=Q(held_at__isnull=True) | Q(status=Status.ACCEPTED) | Q(undeclared=True),
                name="part_live_held_after_approval",
            ),
            models.CheckConstraint(
                condition=Q(clicks_72h__isnull=True) | Q(held_at__isnull=False), name="part_live_clicks_after_held"
            ),
        ]

    @property
    def event_id(self) -> str:
        return f"web-{self.pk}"
