from django import forms
from django.utils.translation import gettext_lazy as _

from wenming.core.forms import ModelMultipleChoiceField
from wenming.orgs.choices import REGION_KINDS
from wenming.orgs.models import Unit
from wenming.people.permissions import scope_units

from .models import FollowSurvey


class SurveyForm(forms.ModelForm):
    class Meta:
        model = FollowSurvey
        fields = ["title", "region", "level"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the regions the editor manages are offered; another city's is an invalid choice.
        self.fields["region"].queryset = (
            scope_units(user, "manage_survey").filter(kind__in=REGION_KINDS, is_active=True).order_by("path")
        )
        self.fields["region"].error_messages["invalid_choice"] = _("只能为您负责的地区创建统计")

    def clean(self):
        data = super().clean()
        region, level = data.get("region"), data.get("level")
        if region and level:
            probe = FollowSurvey(region=region, level=level)
            if not probe.choices().exists():
                self.add_error("level", _("该范围内没有这一层级的地区可供选择"))
        return data


class SubmitForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("所在地区"), queryset=Unit.objects.none(), widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": _("请选择所在地区"), "invalid_choice": _("所选地区不在本次统计范围内")},
    )

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = survey.choices()


# --- network-civilization teams ---

from django.utils import timezone  # noqa: E402

from .choices import TeamRole, Urgency  # noqa: E402


class MemberForm(forms.Form):
    """One registry row, the form's columns; roles as checkboxes (a person may hold several)."""

    name = forms.CharField(label=_("姓名"), max_length=50)
    unit_name = forms.CharField(label=_("单位"), max_length=100, required=False)
    mobile = forms.CharField(label=_("手机号码"), max_length=11)
    wechat_id = forms.CharField(label=_("微信号"), max_length=64, required=False)
    blog = forms.CharField(label=_("博客（新华网和新浪网）"), max_length=200, required=False,
                           help_text=_("仅网络文明志愿者填写"))
    microblog = forms.CharField(label=_("微博（腾讯和新浪）"), max_length=200, required=False,
                                help_text=_("仅网络文明志愿者填写"))
    roles = forms.MultipleChoiceField(label=_("角色"), choices=TeamRole.choices, widget=forms.CheckboxSelectMultiple,
                                      error_messages={"required": _("请至少选择一个角色")})


class ImportForm(forms.Form):
    file = forms.FileField(label=_("登记表（.xlsx）"), error_messages={"required": _("请选择文件")})


class PromptForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    text = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Urgency.choices)
    roles = forms.MultipleChoiceField(label=_("面向角色"), choices=TeamRole.choices, widget=forms.CheckboxSelectMultiple,
                                      error_messages={"required": _("请选择面向的角色")})
    counties = ModelMultipleChoiceField(label=_("面向地区"), queryset=Unit.objects.none(),
                                              widget=forms.CheckboxSelectMultiple,
                                              error_messages={"required": _("请选择面向的地区")})
    deadline = forms.DateTimeField(label=_("截止时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                   input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    items = forms.CharField(
        label=_("事项"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一项：名称 链接（以空格分隔），如：转发《文明温州》推文 https://mp.weixin.qq.com/s/xxx"),
    )

    def __init__(self, *args, counties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counties"].queryset = counties

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.now():
            raise forms.ValidationError(_("截止时间不能早于现在"))
        return deadline

    def clean_items(self):
        pairs = []
        for n, line in enumerate(self.cleaned_data["items"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            title, _sep, link = line.rpartition(" ")
            if not title.strip() or not link.startswith(("http://", "https://")):
                raise forms.ValidationError(_("第 %(n)s 行应为“名称 链接”，链接以 http:// 或 https:// 开头") % {"n": n})
            pairs.append((title.strip(), link))
        if not pairs:
            raise forms.ValidationError(_("请至少填写一个事项"))
        return pairs


class DoneForm(forms.Form):
    link = forms.URLField(label=_("我的转发或评论链接"), max_length=500, assume_scheme="https",
                          error_messages={"required": _("请填写转发或评论的链接"), "invalid": _("请填写有效的 http(s) 链接")})
    screenshot = forms.ImageField(label=_("截图（可选）"), required=False)


class PostForm(forms.Form):
    title = forms.CharField(label=_("博文标题"), max_length=200)
    link = forms.URLField(label=_("博文链接"), max_length=500, assume_scheme="https",
                          error_messages={"invalid": _("请填写有效的 http(s) 链接")})
    published_on = forms.DateField(label=_("发布日期"), widget=forms.DateInput(attrs={"type": "date"}))


class ArticleForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("全国文明单位"), queryset=Unit.objects.none(), empty_label=None,
                                  error_messages={"invalid_choice": _("只能为本单位提交")})
    title = forms.CharField(label=_("原创稿标题"), max_length=200)
    link = forms.URLField(label=_("原创稿链接"), max_length=500, assume_scheme="https",
                          error_messages={"invalid": _("请填写有效的 http(s) 链接")})
    published_on = forms.DateField(label=_("发布日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
