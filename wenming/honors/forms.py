"""Input forms; every error message is Chinese and names the field."""

import re

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import CheckResult, Decision

EVIDENCE_TYPES = {".jpg", ".jpeg", ".png", ".pdf"}
PHONE_RE = re.compile(r"^1\d{10}$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files; each checked for type and for the platform's image size limit."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        limit = settings.WENMING["IMAGE_MAX_BYTES"]
        cleaned = []
        for upload in files:
            upload = super().clean(upload, initial)
            name = upload.name.lower()
            if not any(name.endswith(ext) for ext in EVIDENCE_TYPES):
                raise forms.ValidationError(
                    _("只能上传 JPG、PNG 图片或 PDF 文件：%(n)s") % {"n": upload.name}
                )
            if upload.size > limit:
                raise forms.ValidationError(
                    _("文件过大（上限 %(mb)d MB）：%(n)s") % {"mb": limit // (1024 * 1024), "n": upload.name}
                )
            cleaned.append(upload)
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
    nominations = forms.ModelMultipleChoiceField(
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
    score = forms.DecimalField(label=_("评分"), min_value=0, max_value=100, decimal_places=2, max_digits=5)


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
