"""Good-person and moral-model selection: campaigns, nominations climbing the levels, public
notices and objections, background checks, expert panels, votes and published lists."""

import operator
from decimal import Decimal
from functools import reduce

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wenming.core.uploads import RandomName

from .choices import (
    DEFAULT_CATEGORIES,
    DEFAULT_CHECK_DEPARTMENTS,
    LEVEL_VALUES,
    LEVELS,
    CampaignKind,
    CheckResult,
    Decision,
    NominationStatus,
    ObjectionStatus,
    VotePeriod,
)

LEVEL_CHOICES = [(level.value, level.label) for level in LEVELS]


def _default_categories() -> list[str]:
    return list(DEFAULT_CATEGORIES)


def _default_departments() -> list[str]:
    return list(DEFAULT_CHECK_DEPARTMENTS)


def _levels_ordered() -> Q:
    """start_level at or below top_level, spelled out pair by pair (levels are names, not numbers)."""
    pairs = [Q(start_level=start, top_level__in=LEVEL_VALUES[i:]) for i, start in enumerate(LEVEL_VALUES)]
    return reduce(operator.or_, pairs)


class Campaign(models.Model):
    """One selection (a monthly 好人榜, the annual 道德模范...) with its parameters.

    The levels it runs through are ``start_level`` up to ``top_level`` (bottom first); the weights
    of expert score and public vote must sum to one.
    """

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=CampaignKind.choices)
    region = models.ForeignKey(
        "orgs.Unit", verbose_name=_("主办地区"), on_delete=models.PROTECT, related_name="+"
    )
    categories = models.JSONField(_("类别"), default=_default_categories)
    start_level = models.CharField(_("起始层级"), max_length=20, choices=LEVEL_CHOICES, default="village")
    top_level = models.CharField(_("最高层级"), max_length=20, choices=LEVEL_CHOICES, default="county")
    nomination_opens = models.DateTimeField(_("推荐开始"), null=True, blank=True)
    nomination_closes = models.DateTimeField(_("推荐截止"), null=True, blank=True)
    notice_days = models.PositiveSmallIntegerField(_("公示天数"), default=5)
    voting_opens = models.DateTimeField(_("投票开始"), null=True, blank=True)
    voting_closes = models.DateTimeField(_("投票截止"), null=True, blank=True)
    list_size = models.PositiveSmallIntegerField(_("上榜人数"), default=10)
    expert_weight = models.DecimalField(
        _("专家评分权重"), max_digits=4, decimal_places=3, default=Decimal("0.700")
    )
    vote_weight = models.DecimalField(
        _("网络投票权重"), max_digits=4, decimal_places=3, default=Decimal("0.300")
    )
    vote_period = models.CharField(
        _("投票周期"), max_length=10, choices=VotePeriod.choices, default=VotePeriod.ROUND
    )
    show_counts = models.BooleanField(_("公开票数"), default=True)
    check_departments = models.JSONField(_("背景审核部门"), default=_default_departments)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("评选活动")
        verbose_name_plural = _("评选活动")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expert_weight__gte=0) & Q(vote_weight__gte=0),
                name="honors_campaign_weights_gte_0",
            ),
            models.CheckConstraint(
                # A tolerance, not equality: SQLite compares decimals as floating point.
                condition=Q(expert_weight__gte=Decimal("0.9995") - models.F("vote_weight"))
                & Q(expert_weight__lte=Decimal("1.0005") - models.F("vote_weight")),
                name="honors_campaign_weights_sum_1",
            ),
            models.CheckConstraint(condition=Q(list_size__gte=1), name="honors_campaign_list_size_gte_1"),
            models.CheckConstraint(condition=Q(notice_days__gte=1), name="honors_campaign_notice_days_gte_1"),
            models.CheckConstraint(
                condition=Q(start_level__in=LEVEL_VALUES), name="honors_campaign_start_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(top_level__in=LEVEL_VALUES), name="honors_campaign_top_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(voting_opens__isnull=True)
                | Q(voting_closes__isnull=True)
                | Q(voting_closes__gt=models.F("voting_opens")),
                name="honors_campaign_voting_window_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="honors_campaign_name_not_empty",
                violation_error_message=_("请填写活动名称。"),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=CampaignKind.values), name="honors_campaign_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(vote_period__in=VotePeriod.values), name="honors_campaign_vote_period_valid"
            ),
            # The climb runs upwards: the first level is the top level or one below it.
            models.CheckConstraint(
                condition=_levels_ordered(),
                name="honors_campaign_levels_ordered",
                violation_error_message=_("起始层级不能高于最高层级。"),
            ),
            models.CheckConstraint(
                condition=Q(nomination_opens__isnull=True)
                | Q(nomination_closes__isnull=True)
                | Q(nomination_closes__gt=models.F("nomination_opens")),
                name="honors_campaign_nomination_window_ordered",
                violation_error_message=_("推荐截止时间须晚于推荐开始时间。"),
            ),
            models.CheckConstraint(
                condition=Q(nomination_opens__isnull=True)
                | Q(voting_opens__isnull=True)
                | Q(voting_opens__gte=models.F("nomination_opens")),
                name="honors_campaign_voting_after_nomination_opens",
                violation_error_message=_("投票开始时间不能早于推荐开始时间。"),
            ),
            models.CheckConstraint(
                condition=~Q(categories=[]),
                name="honors_campaign_categories_not_empty",
                violation_error_message=_("请至少填写一个类别。"),
            ),
            models.CheckConstraint(
                condition=~Q(check_departments=[]),
                name="honors_campaign_departments_not_empty",
                violation_error_message=_("请至少填写一个背景审核部门。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def levels(self) -> list[str]:
        """The levels this campaign runs through, bottom first."""
        return LEVEL_VALUES[LEVEL_VALUES.index(self.start_level) : LEVEL_VALUES.index(self.top_level) + 1]

    @property
    def unit(self):
        # Permission checks look for a ``unit``: a campaign belongs to its organising region.
        return self.region


class Nomination(models.Model):
    """A lead (线索): a person put forward by a citizen or a unit. It climbs the campaign's levels;
    the record (reviews, notices, objections) carries forward level by level."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("评选活动"), on_delete=models.PROTECT, related_name="nominations"
    )
    category = models.CharField(_("类别"), max_length=20)
    nominee_name = models.CharField(_("被推荐人"), max_length=50)
    nominee_unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("被推荐人单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The region the lead comes from; it decides which reviewers handle each level and where the
    # lead counts in the monthly ranking of regions.
    region = models.ForeignKey(
        "orgs.Unit", verbose_name=_("推荐地区"), on_delete=models.PROTECT, related_name="+"
    )
    story = models.TextField(_("事迹"))
    nominator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("推荐人"),
        on_delete=models.PROTECT,
        related_name="honors_nominations",
    )
    nominating_unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("推荐单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField(_("当前层级"), max_length=20, choices=LEVEL_CHOICES)
    status = models.CharField(
        _("状态"), max_length=20, choices=NominationStatus.choices, default=NominationStatus.PENDING
    )
    created_at = models.DateTimeField(_("推荐时间"), db_index=True)

    class Meta:
        verbose_name = _("推荐线索")
        verbose_name_plural = _("推荐线索")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["campaign", "status"], name="honors_nom_campaign_status")]
        constraints = [
            models.CheckConstraint(condition=Q(level__in=LEVEL_VALUES), name="honors_nomination_level_valid"),
            models.CheckConstraint(
                condition=Q(status__in=NominationStatus.values), name="honors_nomination_status_valid"
            ),
            models.CheckConstraint(condition=~Q(nominee_name=""), name="honors_nomination_name_not_empty"),
            models.CheckConstraint(condition=~Q(category=""), name="honors_nomination_category_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.nominee_name}（{self.category}）"

    @property
    def unit(self):
        return self.region


class Evidence(models.Model):
    """A supporting file (photo, certificate, news cutting) attached to a nomination."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("推荐线索"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("文件"), upload_to=RandomName("honors/evidence/%Y/%m/"))
    name = models.CharField(_("文件名"), max_length=200)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("证明材料")
        verbose_name_plural = _("证明材料")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Review(models.Model):
    """A reviewer's decision on a nomination at one level."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("推荐线索"), on_delete=models.CASCADE, related_name="reviews"
    )
    level = models.CharField(_("层级"), max_length=20, choices=LEVEL_CHOICES)
    decision = models.CharField(_("决定"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("理由"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审核人"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("审核时间"))

    class Meta:
        verbose_name = _("审核记录")
        verbose_name_plural = _("审核记录")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "level"],
                condition=Q(decision="accept"),
                name="honors_review_one_accept_per_level",
            ),
            # Returning or rejecting someone's lead must say why.
            models.CheckConstraint(
                condition=Q(decision="accept") | ~Q(reason=""), name="honors_review_reason_required"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomination} {self.level} {self.get_decision_display()}"


class PublicNotice(models.Model):
    """A public notice (公示) of the nominations a region accepted at one level."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("评选活动"), on_delete=models.PROTECT, related_name="notices"
    )
    level = models.CharField(_("层级"), max_length=20, choices=LEVEL_CHOICES)
    region = models.ForeignKey(
        "orgs.Unit", verbose_name=_("公示地区"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("标题"), max_length=200)
    starts_on = models.DateField(_("公示开始"))
    ends_on = models.DateField(_("公示结束"))
    nominations = models.ManyToManyField(Nomination, verbose_name=_("公示对象"), related_name="notices")
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), on_delete=models.PROTECT, related_name="+"
    )
    posted_at = models.DateTimeField(_("发布时间"))

    class Meta:
        verbose_name = _("公示")
        verbose_name_plural = _("公示")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="honors_notice_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def unit(self):
        return self.region


class Objection(models.Model):
    """An objection lodged during a notice. While open it blocks forwarding the nomination."""

    notice = models.ForeignKey(
        PublicNotice, verbose_name=_("公示"), on_delete=models.PROTECT, related_name="objections"
    )
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("推荐线索"), on_delete=models.PROTECT, related_name="objections"
    )
    text = models.TextField(_("异议内容"))
    contact = models.CharField(_("联系方式"), max_length=50, blank=True)
    lodged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提出人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lodged_at = models.DateTimeField(_("提出时间"))
    status = models.CharField(
        _("状态"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN
    )
    resolution = models.TextField(_("处理意见"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("异议")
        verbose_name_plural = _("异议")
        ordering = ["lodged_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="honors_objection_text_not_empty"),
            models.CheckConstraint(
                condition=(Q(status="open") & Q(resolved_at__isnull=True))
                | (~Q(status="open") & Q(resolved_at__isnull=False) & ~Q(resolution="")),
                name="honors_objection_resolution_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomination}: {self.get_status_display()}"


class BackgroundCheck(models.Model):
    """One department's vetting of a candidate (纪检、公安、计生、市场监管、税务...)."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("推荐线索"), on_delete=models.CASCADE, related_name="checks"
    )
    department = models.CharField(_("审核部门"), max_length=30)
    result = models.CharField(_("结果"), max_length=10, choices=CheckResult.choices)
    checked_on = models.DateField(_("审核日期"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("背景审核")
        verbose_name_plural = _("背景审核")
        ordering = ["nomination_id", "department"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "department"], name="honors_check_one_per_department"
            ),
            models.CheckConstraint(
                condition=Q(result__in=CheckResult.values), name="honors_check_result_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomination} {self.department} {self.get_result_display()}"


class Expert(models.Model):
    """A member of the expert pool; ``unit`` is what a conflict of interest is judged by."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert_profile",
    )
    name = models.CharField(_("姓名"), max_length=50)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("工作单位"), on_delete=models.PROTECT, related_name="+"
    )
    field = models.CharField(_("专业领域"), max_length=50, blank=True)
    active = models.BooleanField(_("在库"), default=True)

    class Meta:
        verbose_name = _("评审专家")
        verbose_name_plural = _("评审专家")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name=""),
                name="honors_expert_name_not_empty",
                violation_error_message=_("请填写专家姓名。"),
            ),
            # The same person twice in the pool would double their chance of being drawn.
            models.UniqueConstraint(
                fields=["unit", "name"],
                name="honors_expert_unique_name_in_unit",
                violation_error_message=_("该单位已有同名专家。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PanelRound(models.Model):
    """One judging round: a panel drawn at random from the pool, reproducible from what is stored.

    ``pool_snapshot`` is the canonical list of eligible experts ``[[id, unit_id], ...]`` sorted by id
    at draw time, after conflict exclusion; ``random.Random(seed).sample(pool, panel_size)`` over it
    gives the panel. ``wenming verify-draw <id>`` re-runs it.
    """

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("评选活动"), on_delete=models.PROTECT, related_name="rounds"
    )
    number = models.PositiveSmallIntegerField(_("轮次"))
    panel_size = models.PositiveSmallIntegerField(_("评委人数"))
    seed = models.CharField(_("随机种子"), max_length=64)
    pool_snapshot = models.JSONField(_("专家库快照"))
    excluded = models.JSONField(_("回避专家"), default=list)
    candidates = models.JSONField(_("候选人快照"), default=list)
    drawn = models.JSONField(_("抽取结果"))
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("抽取人"), on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField(_("抽取时间"))
    deadline = models.DateTimeField(_("评分截止"))
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("评审轮次")
        verbose_name_plural = _("评审轮次")
        ordering = ["campaign_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="honors_round_unique_number"),
            models.CheckConstraint(condition=Q(panel_size__gte=1), name="honors_round_panel_size_gte_1"),
            models.CheckConstraint(condition=~Q(seed=""), name="honors_round_seed_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} 第{self.number}轮"

    @property
    def unit(self):
        return self.campaign.region


class PanelSeat(models.Model):
    """An expert drawn for a round."""

    round = models.ForeignKey(
        PanelRound, verbose_name=_("评审轮次"), on_delete=models.CASCADE, related_name="seats"
    )
    expert = models.ForeignKey(Expert, verbose_name=_("专家"), on_delete=models.PROTECT, related_name="seats")

    class Meta:
        verbose_name = _("评委席位")
        verbose_name_plural = _("评委席位")
        ordering = ["round_id", "expert_id"]
        constraints = [models.UniqueConstraint(fields=["round", "expert"], name="honors_seat_unique")]

    def __str__(self) -> str:
        return f"{self.round}: {self.expert}"


class Score(models.Model):
    """A drawn expert's score (0–100) for one candidate in one round."""

    round = models.ForeignKey(
        PanelRound, verbose_name=_("评审轮次"), on_delete=models.CASCADE, related_name="scores"
    )
    expert = models.ForeignKey(
        Expert, verbose_name=_("专家"), on_delete=models.PROTECT, related_name="scores"
    )
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("候选人"), on_delete=models.PROTECT, related_name="scores"
    )
    score = models.DecimalField(_("评分"), max_digits=5, decimal_places=2)
    scored_at = models.DateTimeField(_("评分时间"))

    class Meta:
        verbose_name = _("专家评分")
        verbose_name_plural = _("专家评分")
        ordering = ["round_id", "expert_id", "nomination_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "expert", "nomination"], name="honors_score_unique"),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=100), name="honors_score_0_100"),
        ]

    def __str__(self) -> str:
        return f"{self.expert} → {self.nomination}: {self.score}"


class Vote(models.Model):
    """One citizen's vote. ``slot`` is 0 when a campaign allows one vote per round, or the local
    date as yyyymmdd when it allows one per day; the unique constraint is the rule itself.

    Time, IP and user agent are kept for the fraud review; a voided vote keeps its slot (the
    voter cannot vote again in it) but no longer counts.
    """

    candidate = models.ForeignKey(
        Nomination, verbose_name=_("候选人"), on_delete=models.PROTECT, related_name="votes"
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("投票人"), on_delete=models.PROTECT, related_name="+"
    )
    slot = models.PositiveIntegerField(_("投票周期"))
    at = models.DateTimeField(_("投票时间"), db_index=True)
    ip = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    user_agent = models.CharField(_("浏览器标识"), max_length=255, blank=True)
    voided_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("作废人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("投票")
        verbose_name_plural = _("投票")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "voter", "slot"], name="honors_vote_one_per_slot"),
            models.CheckConstraint(
                condition=Q(voided_at__isnull=True) | ~Q(void_reason=""), name="honors_vote_void_needs_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voter_id} → {self.candidate_id} ({self.slot})"


class ResultList(models.Model):
    """A published list: an immutable snapshot of the ranking at publication."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("评选活动"), on_delete=models.PROTECT, related_name="results"
    )
    title = models.CharField(_("标题"), max_length=200)
    published_at = models.DateTimeField(_("发布时间"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("评选结果")
        verbose_name_plural = _("评选结果")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ResultEntry(models.Model):
    """One line of a published list, with the figures as they were when published."""

    result = models.ForeignKey(
        ResultList, verbose_name=_("评选结果"), on_delete=models.PROTECT, related_name="entries"
    )
    rank = models.PositiveSmallIntegerField(_("名次"))
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("候选人"), on_delete=models.PROTECT, related_name="+"
    )
    nominee_name = models.CharField(_("姓名"), max_length=50)
    category = models.CharField(_("类别"), max_length=20)
    expert_score = models.DecimalField(_("专家平均分"), max_digits=6, decimal_places=2)
    votes = models.PositiveIntegerField(_("有效票数"))
    total = models.DecimalField(_("综合得分"), max_digits=7, decimal_places=4)
    listed = models.BooleanField(_("上榜"), help_text=_("否则为提名"))

    class Meta:
        verbose_name = _("结果条目")
        verbose_name_plural = _("结果条目")
        ordering = ["result_id", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["result", "rank"], name="honors_entry_unique_rank"),
            models.UniqueConstraint(fields=["result", "nomination"], name="honors_entry_unique_nomination"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.nominee_name}"

    def save(self, *args, **kwargs):
        # A published figure never changes; corrections are a new list.
        if self.pk is not None and not self._state.adding:
            raise ValueError("已发布的评选结果不可修改")
        super().save(*args, **kwargs)


class PhoneConfirmation(models.Model):
    """A code sent to a phone number; entering it confirms the number and verifies the person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="+"
    )
    phone = models.CharField(_("手机号"), max_length=20)
    code_hash = models.CharField(_("验证码摘要"), max_length=128)
    sent_at = models.DateTimeField(_("发送时间"))
    expires_at = models.DateTimeField(_("过期时间"))
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("手机验证")
        verbose_name_plural = _("手机验证")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("sent_at")), name="honors_phone_expiry_after_send"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.phone}"
