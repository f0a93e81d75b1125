"""Campaign setup and the expert pool, kept by staff in the console."""

from datetime import UTC, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wenming.journal.actions import audit
from wenming.orgs.models import Unit

from ..choices import (
    CAMPAIGN_FIELDS,
    CATEGORY_MAX_LENGTH,
    DEPARTMENT_MAX_LENGTH,
    FROZEN_AFTER,
    LEVEL_VALUES,
    CampaignMilestone,
)
from ..models import BackgroundCheck, Campaign, Expert, Vote
from .base import _require


def campaign_milestones(campaign: Campaign) -> set[str]:
    """What has already happened in the campaign (``CampaignMilestone`` values)."""
    if campaign.pk is None:
        return set()
    found = {
        CampaignMilestone.NOMINATED: campaign.nominations.exists(),
        CampaignMilestone.CHECKED: BackgroundCheck.objects.filter(nomination__campaign=campaign).exists(),
        CampaignMilestone.DRAWN: campaign.rounds.exists(),
        CampaignMilestone.VOTED: Vote.objects.filter(candidate__campaign=campaign).exists(),
        CampaignMilestone.PUBLISHED: campaign.results.exists(),
    }
    return {milestone for milestone, happened in found.items() if happened}


def frozen_fields(campaign: Campaign, milestones: set[str] | None = None) -> dict[str, str]:
    """The campaign's settings that may no longer change, each with the Chinese reason."""
    if milestones is None:
        milestones = campaign_milestones(campaign)
    frozen = {}
    for name, after in FROZEN_AFTER.items():
        reached = [m for m in after if m in milestones]
        if reached:
            frozen[name] = _("%(why)s，不能再修改。") % {"why": CampaignMilestone(reached[0]).label}
    return frozen


def _field_label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _list_problems(values, *, empty: str, max_length: int) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        return [_("格式无效。")]
    if not values:
        return [empty]
    problems, seen = [], set()
    for value in values:
        if not value.strip() or value != value.strip():
            problems.append(_("不能有空白项。"))
        elif len(value) > max_length:
            problems.append(_("“%(v)s”过长（最多 %(n)d 字）。") % {"v": value, "n": max_length})
        elif value in seen:
            problems.append(_("“%(v)s”重复。") % {"v": value})
        seen.add(value)
    return problems


def campaign_problems(values: dict, campaign: Campaign | None = None) -> dict[str, list[str]]:
    """Every rule a campaign's settings must keep, as Chinese messages per field (empty: all good).

    ``values`` holds the settings as they would be after the change (all of ``CAMPAIGN_FIELDS``);
    ``campaign`` is the stored campaign when editing, whose progress fixes some settings. The form
    shows these next to the fields; the actions refuse with them.
    """
    problems: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        problems.setdefault(name, []).append(message)

    if not (values.get("name") or "").strip():
        add("name", _("请填写活动名称。"))
    for name, empty, limit in (
        ("categories", _("请至少填写一个类别。"), CATEGORY_MAX_LENGTH),
        ("check_departments", _("请至少填写一个背景审核部门。"), DEPARTMENT_MAX_LENGTH),
    ):
        for message in _list_problems(values.get(name), empty=empty, max_length=limit):
            add(name, message)
    start, top, region = values.get("start_level"), values.get("top_level"), values.get("region")
    if start in LEVEL_VALUES and top in LEVEL_VALUES and LEVEL_VALUES.index(start) > LEVEL_VALUES.index(top):
        add("start_level", _("起始层级不能高于最高层级。"))
    if region is not None:
        if region.kind not in LEVEL_VALUES:
            add("region", _("主办地区须为省、市、县（市、区）、镇（街道）或村（社区）。"))
        elif top in LEVEL_VALUES and LEVEL_VALUES.index(top) > LEVEL_VALUES.index(region.kind):
            # A lead at a level above the organiser would be reviewed by a region outside it.
            add("top_level", _("最高层级不能高于主办地区（%(r)s）的层级。") % {"r": region.name})
    weights = {n: values.get(n) for n in ("expert_weight", "vote_weight")}
    for name, weight in weights.items():
        if weight is not None and not Decimal(0) <= weight <= Decimal(1):
            add(name, _("权重须在 0 到 1 之间。"))
    if all(w is not None for w in weights.values()) and sum(weights.values()) != Decimal(1):
        add(
            "vote_weight",
            _("专家评分权重与网络投票权重之和须为 1（现为 %(s)s）。") % {"s": sum(weights.values())},
        )
    for name in ("notice_days", "list_size"):
        if values.get(name) is not None and values[name] < 1:
            add(name, _("须至少为 1。"))
    n_opens, n_closes = values.get("nomination_opens"), values.get("nomination_closes")
    v_opens, v_closes = values.get("voting_opens"), values.get("voting_closes")
    if n_opens and n_closes and n_closes <= n_opens:
        add("nomination_closes", _("推荐截止时间须晚于推荐开始时间。"))
    if v_opens and v_closes and v_closes <= v_opens:
        add("voting_closes", _("投票截止时间须晚于投票开始时间。"))
    if n_opens and v_opens and v_opens < n_opens:
        add("voting_opens", _("投票开始时间不能早于推荐开始时间。"))
    if campaign is not None and campaign.pk is not None:
        for name, why in frozen_fields(campaign).items():
            if name in values and _setting(values[name]) != _setting(getattr(campaign, name)):
                add(name, why)
        kept = set(values.get("categories") or [])
        used = campaign.nominations.exclude(category__in=kept).values_list("category", flat=True)
        for category in sorted(set(used)):
            add("categories", _("类别“%(c)s”已有推荐线索，不能删除。") % {"c": category})
    return problems


def _setting(value):
    """A comparable, JSON-ready form of a setting (for the change check and the audit record)."""
    if isinstance(value, Unit):
        return value.pk
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, datetime):
        # The same instant compares equal whichever zone it was given in (forms give local time).
        return value.astimezone(UTC).isoformat()
    return value


def _refuse_if(problems: dict[str, list[str]]) -> None:
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def create_campaign(actor, **values) -> Campaign:
    """Start a campaign. The actor must review in its region; ``values`` are ``CAMPAIGN_FIELDS``
    (missing ones take the model's defaults: the five categories, five departments, 0.7/0.3...)."""
    unknown = set(values) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise ValueError(f"unknown campaign settings {sorted(unknown)}")
    if values.get("region") is None:
        raise ValidationError({"region": [_("请选择主办地区。")]})
    _require(actor, "review", values["region"])
    campaign = Campaign(**values)
    _refuse_if(campaign_problems({n: getattr(campaign, n) for n in CAMPAIGN_FIELDS}))
    campaign.save()
    audit(
        actor,
        "honors.create_campaign",
        campaign,
        data={n: _setting(getattr(campaign, n)) for n in CAMPAIGN_FIELDS},
    )
    return campaign


@transaction.atomic
def update_campaign(actor, campaign: Campaign, **values) -> Campaign:
    """Change a campaign's settings. Refused (nothing changes) when a rule is broken or when a
    setting fixed by the campaign's progress would change (``frozen_fields``); a new region must
    also be in the actor's review scope. Returns the campaign with the changes saved."""
    unknown = set(values) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise ValueError(f"unknown campaign settings {sorted(unknown)}")
    # Locked so that two editors' checks and writes do not interleave.
    campaign = Campaign.objects.select_for_update().select_related("region").get(pk=campaign.pk)
    _require(actor, "review", campaign.region)
    if values.get("region") is not None and values["region"].pk != campaign.region_id:
        _require(actor, "review", values["region"])
    after = {n: values.get(n, getattr(campaign, n)) for n in CAMPAIGN_FIELDS}
    _refuse_if(campaign_problems(after, campaign))
    changes = {
        n: [_setting(getattr(campaign, n)), _setting(after[n])]
        for n in CAMPAIGN_FIELDS
        if _setting(getattr(campaign, n)) != _setting(after[n])
    }
    if not changes:
        return campaign
    for name in changes:
        setattr(campaign, name, after[name])
    campaign.save(update_fields=list(changes))
    audit(actor, "honors.update_campaign", campaign, data={"changes": changes})
    return campaign


def _expert_problems(*, name: str, unit: Unit, user, expert: Expert | None = None) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    others = Expert.objects.exclude(pk=getattr(expert, "pk", None))
    if not name:
        problems["name"] = [_("请填写专家姓名。")]
    elif others.filter(unit=unit, name=name).exists():
        problems["name"] = [_("%(u)s已有名为“%(n)s”的专家。") % {"u": unit.name, "n": name}]
    if user is not None and others.filter(user=user).exists():
        problems["user"] = [_("该账号已关联其他专家。")]
    return problems


@transaction.atomic
def add_expert(actor, *, name: str, unit: Unit, field: str = "", user=None) -> Expert:
    """Put a person in the expert pool (active). ``unit`` is their work unit, which a conflict of
    interest is judged by; the actor must review there. ``user`` is the account they score with."""
    _require(actor, "review", unit)
    name, field = name.strip(), field.strip()
    _refuse_if(_expert_problems(name=name, unit=unit, user=user))
    expert = Expert.objects.create(name=name, unit=unit, field=field, user=user, active=True)
    audit(
        actor,
        "honors.add_expert",
        expert,
        data={"unit": unit.pk, "field": field, "user": getattr(user, "pk", None)},
    )
    return expert


@transaction.atomic
def update_expert(actor, expert: Expert, *, name: str, unit: Unit, field: str = "", user=None) -> Expert:
    """Correct an expert's name, unit, field or account. Past draws are unaffected: each stored
    its own pool snapshot (ids and units at draw time), which ``verify-draw`` re-runs."""
    expert = Expert.objects.select_for_update().select_related("unit").get(pk=expert.pk)
    _require(actor, "review", expert.unit)
    if unit.pk != expert.unit_id:
        _require(actor, "review", unit)
    name, field = name.strip(), field.strip()
    _refuse_if(_expert_problems(name=name, unit=unit, user=user, expert=expert))
    before = {"name": expert.name, "unit": expert.unit_id, "field": expert.field, "user": expert.user_id}
    after = {"name": name, "unit": unit.pk, "field": field, "user": getattr(user, "pk", None)}
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    if changes:
        expert.name, expert.unit, expert.field, expert.user = name, unit, field, user
        expert.save(update_fields=["name", "unit", "field", "user"])
        audit(actor, "honors.update_expert", expert, data={"changes": changes})
    return expert


def _set_expert_active(actor, expert: Expert, active: bool, reason: str) -> Expert:
    expert = Expert.objects.select_for_update().select_related("unit").get(pk=expert.pk)
    _require(actor, "review", expert.unit)
    if expert.active == active:
        raise ValidationError(_("该专家已在库。") if active else _("该专家已停用。"))
    Expert.objects.filter(pk=expert.pk).update(active=active)
    expert.active = active
    audit(
        actor,
        "honors.reactivate_expert" if active else "honors.deactivate_expert",
        expert,
        reason=reason.strip(),
    )
    return expert


@transaction.atomic
def deactivate_expert(actor, expert: Expert, *, reason: str = "") -> Expert:
    """Take an expert out of future draws; rounds they already sit on are not touched."""
    return _set_expert_active(actor, expert, False, reason)


@transaction.atomic
def reactivate_expert(actor, expert: Expert, *, reason: str = "") -> Expert:
    """Put a deactivated expert back into future draws."""
    return _set_expert_active(actor, expert, True, reason)
