from django import forms
from django.utils.translation import gettext_lazy as _

from wenming.core.forms import ModelMultipleChoiceField
from wenming.orgs.models import Unit

from .choices import IdType, OrgKind
from .models import Project, ServiceField

DT = {"type": "datetime-local"}


class RegisterForm(forms.Form):
    real_name = forms.CharField(label=_("真实姓名"), max_length=60)
    id_type = forms.ChoiceField(label=_("证件类型"), choices=IdType.choices)
    id_number = forms.CharField(label=_("证件号码"), max_length=40)
    phone = forms.CharField(label=_("手机号码"), max_length=20)
    skills = forms.CharField(label=_("技能特长"), max_length=300, required=False)
    fields = ModelMultipleChoiceField(
        label=_("服务领域"), queryset=ServiceField.objects.filter(is_active=True, level=1), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    available_time = forms.CharField(label=_("可服务时间"), max_length=200, required=False,
                                     help_text=_("例如：周末全天、工作日晚上"))
    emergency_name = forms.CharField(label=_("紧急联系人"), max_length=60, required=False)
    emergency_phone = forms.CharField(label=_("紧急联系人电话"), max_length=20, required=False)
    consent = forms.BooleanField(label=_("我已阅读并同意隐私条款：证件号码和手机号加密保存、脱敏显示，仅用于志愿服务记录与证明"),
                                 required=False)


class ProjectFilterForm(forms.Form):
    field = forms.ModelChoiceField(label=_("服务领域"), queryset=ServiceField.objects.filter(level=1), required=False)
    district = forms.ModelChoiceField(label=_("地区"), queryset=Unit.objects.filter(is_active=True), required=False)
    day = forms.DateField(label=_("日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    lat = forms.DecimalField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    lng = forms.DecimalField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)


class CheckinForm(forms.Form):
    code = forms.CharField(label=_("6 位签到码"), max_length=6, required=False,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]{6}"}))
    token = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)
    latitude = forms.DecimalField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90, decimal_places=6,
                                  max_digits=9)
    longitude = forms.DecimalField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180,
                                   decimal_places=6, max_digits=9)

    def clean(self):
        data = super().clean()
        if not data.get("code") and not data.get("token"):
            raise forms.ValidationError(_("请扫码或输入 6 位签到码"))
        return data


class DisputeForm(forms.Form):
    text = forms.CharField(label=_("异议内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "field", "description", "place", "district", "slots", "skills", "min_age",
                  "insurance_required", "needs_approval", "allow_walk_in", "cancel_hours"]


class SessionForm(forms.Form):
    start = forms.DateTimeField(label=_("开始时间"), widget=forms.DateTimeInput(attrs=DT))
    end = forms.DateTimeField(label=_("结束时间"), widget=forms.DateTimeInput(attrs=DT))
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    latitude = forms.DecimalField(label=_("纬度"), required=False, max_digits=9, decimal_places=6)
    longitude = forms.DecimalField(label=_("经度"), required=False, max_digits=9, decimal_places=6)
    radius_m = forms.IntegerField(label=_("签到半径（米）"), required=False, min_value=10)
    slots = forms.IntegerField(label=_("本场人数（空则按项目）"), required=False, min_value=1)


class OrgForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=OrgKind.choices, initial=OrgKind.TEAM)
    join_needs_approval = forms.BooleanField(label=_("入队需审核"), required=False)


class ConfirmForm(forms.Form):
    end = forms.DateTimeField(label=_("未签退者的结束时间（空则按场次结束时间）"), required=False,
                              widget=forms.DateTimeInput(attrs=DT))


class BackfillForm(forms.Form):
    volunteer_number = forms.CharField(label=_("志愿者编号"), max_length=40)
    check_in = forms.DateTimeField(label=_("签到时间"), widget=forms.DateTimeInput(attrs=DT))
    check_out = forms.DateTimeField(label=_("签退时间"), widget=forms.DateTimeInput(attrs=DT))
    reason = forms.CharField(label=_("补录原因"), max_length=500)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    upheld = forms.BooleanField(label=_("异议成立，更正记录"), required=False)
    check_in = forms.DateTimeField(label=_("更正后的签到时间"), required=False, widget=forms.DateTimeInput(attrs=DT))
    check_out = forms.DateTimeField(label=_("更正后的签退时间"), required=False, widget=forms.DateTimeInput(attrs=DT))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=300)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("结束日期"), widget=forms.DateInput(attrs={"type": "date"}))
    full_ids = forms.BooleanField(label=_("导出完整证件号码（仅平台管理员，记录原因）"), required=False)
    reason = forms.CharField(label=_("导出完整证件号码的原因"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("结束日期不能早于开始日期"))
        if data.get("full_ids") and not (data.get("reason") or "").strip():
            raise forms.ValidationError(_("导出完整证件号码须填写原因"))
        return data


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))
