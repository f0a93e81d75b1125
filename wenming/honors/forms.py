"""Input forms; every error message is Chinese and names the field."""

import re

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wenming.core.forms import ModelMultipleChoiceField
from wenming.core.guard import has_unstorable
from wenming.core.uploads import check_document

from . import actions
from .choices import CAMPAIGN_FIELDS, LEVEL_VALUES, CheckResult, Decision
from .models import Campaign, Expert, Nomination

# Evidence is judged by its bytes: photos (re-encoded) and PDF scans.
EVIDENCE_TYPES = ("jpg", "png", "pdf")
PHONE_RE = re.compile(r"^1\d{10}$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files; each checked by its content and stored under a random name.

    Each cleaned file keeps the name the person gave as ``original_name`` (shown to reviewers).
    """

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        limit = settings.WENMING["IMAGE_MAX_BYTES"]
        cleaned = []
        for upload in files:
            upload = super().clean(upload, initial)
            cleaned.append(check_document(upload, EVIDENCE_TYPES, max_bytes=limit))
        return cleaned


class NominationForm(forms.Form):
    nominee_name = forms.CharField(label=_("被推荐人姓名"), max_length=50)
    category = forms.ChoiceField(label=_("类别"))
    region = forms.ModelChoiceField(label=_("所在村（社区）或镇（街道）"), queryset=None)
    story = forms.CharField(label=_("主要事迹"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    evidence = EvidenceField(label=_("证明材料"), required=False)

    nominating_unit = forms.ModelChoiceField(label=_("以单位名义推荐"), queryset=None, required=False)

    def __init__(self, campaign, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from wenming.orgs.models import Unit
        from wenming.people.permissions import scope_units

        # A liaison may put someone forward in the unit's name; others nominate as themselves.
        units = scope_units(user, "manage_unit") if user is not None else Unit.objects.none()
        self.fields["nominating_unit"].queryset = units
        if not units.exists():
            del self.fields["nominating_unit"]
        self.fields["category"].choices = [(c, c) for c in campaign.categories]
        self.fields["region"].queryset = Unit.objects.filter(
            path__startswith=campaign.region.path, kind__in=campaign.levels, is_active=True
        ).order_by("path")


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("审核决定"), choices=Decision.choices)
    reason = forms.CharField(
        label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("decision")
            and data["decision"] != Decision.ACCEPT
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", _("退回或不通过时必须填写理由。"))
        return data


class ResubmitForm(forms.Form):
    story = forms.CharField(label=_("主要事迹"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)


class NoticeForm(forms.Form):
    region = forms.ModelChoiceField(label=_("公示地区"), queryset=None)
    nominations = ModelMultipleChoiceField(
        label=_("公示对象"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    starts_on = forms.DateField(label=_("公示开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("标题"), required=False, max_length=200)

    def __init__(self, regions, nominations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["nominations"].queryset = nominations


class ObjectionForm(forms.Form):
    nomination = forms.ModelChoiceField(label=_("异议对象"), queryset=None)
    text = forms.CharField(label=_("异议内容"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    contact = forms.CharField(label=_("联系方式"), required=False, max_length=50)

    def __init__(self, notice, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = notice.nominations.all()


class ResolveForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("处理结果"), choices=[("0", _("异议不成立")), ("1", _("异议成立"))], coerce=lambda v: v == "1"
    )
    resolution = forms.CharField(
        label=_("处理意见"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class CheckForm(forms.Form):
    department = forms.ChoiceField(label=_("审核部门"))
    result = forms.ChoiceField(label=_("结果"), choices=CheckResult.choices)
    checked_on = forms.DateField(label=_("审核日期"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("备注"), required=False, max_length=200)

    def __init__(self, campaign, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [(d, d) for d in campaign.check_departments]


class DrawForm(forms.Form):
    panel_size = forms.IntegerField(label=_("评委人数"), min_value=1, max_value=99)
    deadline = forms.DateTimeField(
        label=_("评分截止"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.now():
            raise forms.ValidationError(_("评分截止时间须晚于现在。"))
        return deadline


class ScoreForm(forms.Form):
    # One of the round's candidates: anything else ("abc", another round's lead) is a field error.
    nomination = forms.ModelChoiceField(
        label=_("候选人"),
        queryset=Nomination.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("候选人不在本轮评审名单中。"), "required": _("请选择候选人。")},
    )
    score = forms.DecimalField(label=_("评分"), min_value=0, max_value=100, decimal_places=2, max_digits=5)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["nomination"].queryset = candidates


class VoidForm(forms.Form):
    votes = forms.CharField(label=_("投票编号"), widget=forms.HiddenInput)
    reason = forms.CharField(label=_("作废原因"), max_length=200)

    def clean_votes(self):
        try:
            ids = [int(part) for part in self.cleaned_data["votes"].split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError(_("投票编号无效。")) from None
        if not ids:
            raise forms.ValidationError(_("请选择要作废的投票。"))
        return ids


class FraudFindingForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("涉及单位"), queryset=None)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    evidence = forms.CharField(label=_("证据"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, units, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class PublishForm(forms.Form):
    title = forms.CharField(label=_("榜单标题"), max_length=200)


class PhoneForm(forms.Form):
    phone = forms.CharField(label=_("手机号"), max_length=11)

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE_RE.match(phone):
            raise forms.ValidationError(_("请输入 11 位手机号。"))
        return phone


class CodeForm(forms.Form):
    code = forms.CharField(label=_("验证码"), max_length=6, min_length=6)


class RankingForm(forms.Form):
    region = forms.ModelChoiceField(label=_("地区"), queryset=None)
    month = forms.RegexField(
        label=_("月份"), regex=r"^\d{4}-\d{2}$", error_messages={"invalid": _("月份格式应为 YYYY-MM")}
    )

    def __init__(self, regions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions


# --- campaign setup and the expert pool ----------------------------------------------------------

# A clerk types a list one item per line, or on one line separated by 、 ， , ； ; (all accepted).
LIST_SEPARATORS = re.compile(r"[\n\r、，,；;]+")


class ListField(forms.CharField):
    """A list of short names typed in a text box; cleaned to a list of stripped, non-empty names
    (the order kept). Duplicates are not dropped here: the campaign rules refuse them by name."""

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [str(v).strip() for v in value if str(v).strip()]
        text = super().to_python(value) or ""
        return [part.strip() for part in LIST_SEPARATORS.split(text) if part.strip()]

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        # The list is stored as JSON text: PostgreSQL takes no NUL in it, no encoder a lone surrogate.
        # (Lengths are the campaign rules' to check: actions.campaign_problems.)
        if any(has_unstorable(item) for item in value):
            raise forms.ValidationError(_("含有无法保存的字符（如空字符），请删除后重试。"), code="null_characters_not_allowed")

    def has_changed(self, initial, data):
        return self.to_python(initial) != self.to_python(data)


def _local_input(label: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class CampaignForm(forms.ModelForm):
    """Create or edit a campaign. Every rule (and every setting the campaign's progress has fixed)
    comes from ``actions.campaign_problems``, so the page and the action refuse alike."""

    categories = ListField(
        label=_("类别"),
        help_text=_("每行一个，或用顿号、逗号分隔。"),
        error_messages={"required": _("请至少填写一个类别。")},
    )
    check_departments = ListField(
        label=_("背景审核部门"),
        help_text=_("每行一个，或用顿号、逗号分隔。"),
        error_messages={"required": _("请至少填写一个背景审核部门。")},
    )
    nomination_opens = _local_input(_("推荐开始"))
    nomination_closes = _local_input(_("推荐截止"))
    voting_opens = _local_input(_("投票开始"))
    voting_closes = _local_input(_("投票截止"))
    notice_days = forms.IntegerField(label=_("公示天数"), min_value=1, max_value=60)
    list_size = forms.IntegerField(label=_("上榜人数"), min_value=1, max_value=500)
    expert_weight = forms.DecimalField(
        label=_("专家评分权重"), min_value=0, max_value=1, max_digits=4, decimal_places=3
    )
    vote_weight = forms.DecimalField(
        label=_("网络投票权重"),
        min_value=0,
        max_value=1,
        max_digits=4,
        decimal_places=3,
        help_text=_("两项权重之和须为 1，如 0.7 与 0.3。"),
    )

    class Meta:
        model = Campaign
        fields = CAMPAIGN_FIELDS
        error_messages = {"name": {"required": _("请填写活动名称。")}}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from wenming.people.permissions import scope_units

        if not self.instance.pk:
            # A new campaign starts from the model's defaults (the five categories, 0.7/0.3...);
            # fields declared here do not get them from the model by themselves.
            for name in CAMPAIGN_FIELDS:
                if name != "region":
                    self.initial.setdefault(name, getattr(self.instance, name))
        regions = scope_units(user, "review").filter(kind__in=LEVEL_VALUES, is_active=True)
        if self.instance.pk:
            regions = regions | type(self.instance.region).objects.filter(pk=self.instance.region_id)
        self.fields["region"].queryset = regions.order_by("path")
        self.frozen = actions.frozen_fields(self.instance) if self.instance.pk else {}
        for name, why in self.frozen.items():
            # Shown but not editable; the posted value is ignored and the stored one kept.
            self.fields[name].disabled = True
            self.fields[name].help_text = why

    def clean(self):
        data = super().clean()
        values = {n: data.get(n) for n in CAMPAIGN_FIELDS}
        campaign = self.instance if self.instance.pk else None
        for name, errors in actions.campaign_problems(values, campaign).items():
            if name in self.fields and name not in self.errors:
                for error in errors:
                    self.add_error(name, error)
        return data

    FIELDSETS = [
        (_("基本信息"), ["name", "kind", "region"]),
        (_("类别与层级"), ["categories", "start_level", "top_level", "check_departments"]),
        (
            _("各阶段时间"),
            ["nomination_opens", "nomination_closes", "notice_days", "voting_opens", "voting_closes"],
        ),
        (_("计分与榜单"), ["expert_weight", "vote_weight", "vote_period", "show_counts", "list_size"]),
    ]

    def fieldsets(self):
        """The fields in the page's groups: [(legend, [bound field, ...]), ...]."""
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def settings(self) -> dict:
        """The cleaned settings, as the actions take them."""
        return {n: self.cleaned_data[n] for n in CAMPAIGN_FIELDS}


class ExpertForm(forms.ModelForm):
    username = forms.CharField(
        label=_("登录账号"),
        required=False,
        max_length=150,
        help_text=_("专家用来评分的账号的用户名；可暂不填写。"),
    )

    class Meta:
        model = Expert
        fields = ["name", "unit", "field"]
        error_messages = {
            "name": {"required": _("请填写专家姓名。")},
            "unit": {"required": _("请选择工作单位。")},
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from wenming.people.permissions import scope_units

        units = scope_units(user, "review").filter(is_active=True)
        if self.instance.pk:
            units = units | type(self.instance.unit).objects.filter(pk=self.instance.unit_id)
        self.fields["unit"].queryset = units.order_by("path")
        if self.instance.user_id:
            self.fields["username"].initial = self.instance.user.username

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_username(self):
        from django.contrib.auth import get_user_model

        username = self.cleaned_data["username"].strip()
        if not username:
            return None
        account = get_user_model().objects.filter(username=username).first()
        if account is None:
            raise forms.ValidationError(_("没有用户名为“%(u)s”的账号。") % {"u": username})
        return account

    def _post_clean(self):
        # The actions check the pool's rules (unique name in a unit, one expert per account); the
        # model's own checks would repeat them without the Chinese wording.
        pass

    def values(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "unit": data["unit"], "field": data["field"], "user": data["username"]}


class ExpertSearchForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=50)
    status = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[("", _("全部")), ("active", _("在库")), ("inactive", _("已停用"))],
    )


class ExpertStatusForm(forms.Form):
    reason = forms.CharField(label=_("原因"), required=False, max_length=200)
