"""Forms: field errors in Chinese; uploads are checked here so the person sees why at the field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import uploads
from .choices import BODY_MAX, CLICKS_MAX, COMMENT_MAX, MAX_IMAGES, REASON_MAX, TITLE_MAX, LeadKind, Tag


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Up to MAX_IMAGES images, each verified and re-encoded once (the action reuses the result)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*", "multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            return []
        if len(files) > MAX_IMAGES:
            raise ValidationError(_("最多上传 %(n)s 张图片") % {"n": MAX_IMAGES})
        return [uploads.clean_image(f) for f in files]


def _text(label, max_length, **kwargs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages={
            "required": _("请填写%(label)s") % {"label": label},
            "max_length": _("%(label)s不能超过 %(limit)s 个字") % {"label": label, "limit": max_length},
        },
        **kwargs,
    )


class StoryForm(forms.Form):
    title = _text(_("标题"), TITLE_MAX)
    body = _text(_("正文"), BODY_MAX, widget=forms.Textarea(attrs={"rows": 6}))
    place = forms.CharField(label=_("地点"), max_length=100, required=False)
    happened_on = forms.DateField(label=_("日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tags = forms.MultipleChoiceField(label=_("标签"), choices=Tag.choices, required=False, widget=forms.CheckboxSelectMultiple)
    images = MultipleImageField(label=_("图片（最多 9 张）"), required=False)
    audio = forms.FileField(label=_("音频"), required=False, widget=forms.ClearableFileInput(attrs={"accept": "audio/*"}))
    video = forms.FileField(label=_("视频"), required=False, widget=forms.ClearableFileInput(attrs={"accept": "video/*"}))
    media_link = forms.URLField(label=_("或音视频链接"), required=False, assume_scheme="https", error_messages={"invalid": _("请输入有效的网址")})

    def clean_audio(self):
        f = self.cleaned_data.get("audio")
        return uploads.check_media(f, "audio") if f else None

    def clean_video(self):
        f = self.cleaned_data.get("video")
        return uploads.check_media(f, "video") if f else None


class LeadForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=LeadKind.choices, widget=forms.RadioSelect)
    title = _text(_("标题"), TITLE_MAX)
    body = _text(_("内容"), BODY_MAX, widget=forms.Textarea(attrs={"rows": 5}))
    place = forms.CharField(label=_("地点"), max_length=100, required=False)
    beneficiary = forms.CharField(label=_("心愿人（微心愿必填）"), max_length=50, required=False)
    needed_by = forms.DateField(label=_("期望实现日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("kind") == LeadKind.WISH and not (data.get("beneficiary") or "").strip():
            self.add_error("beneficiary", _("微心愿需要填写心愿人"))
        return data


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class LivestreamForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=None, empty_label=None)
    title = _text(_("标题"), TITLE_MAX)
    planned_start = forms.DateTimeField(
        label=_("计划开始时间"), widget=DateTimeLocalInput(), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    place = _text(_("地点"), 100)
    link = forms.URLField(label=_("直播链接"), assume_scheme="https", error_messages={"invalid": _("请输入有效的网址"), "required": _("请填写直播链接")})

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class UndeclaredLivestreamForm(LivestreamForm):
    planned_start = None
    held_at = forms.DateTimeField(
        label=_("实际开始时间"), widget=DateTimeLocalInput(), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )


class HeldForm(forms.Form):
    held_at = forms.DateTimeField(
        label=_("实际开始时间"), required=False, widget=DateTimeLocalInput(), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )


class ClicksForm(forms.Form):
    clicks = forms.IntegerField(
        label=_("72小时点击量"),
        min_value=0,
        max_value=CLICKS_MAX,
        error_messages={
            "min_value": _("点击量不能为负数"),
            "max_value": _("点击量不能超过 %(limit_value)s"),
            "invalid": _("请输入整数"),
        },
    )


class CommentForm(forms.Form):
    body = _text(_("评论"), COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 2}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    reason = _text(_("原因"), REASON_MAX)


class FlagForm(forms.Form):
    reason = forms.CharField(
        label=_("举报理由"),
        max_length=REASON_MAX,
        required=False,
        error_messages={"max_length": _("举报理由不能超过 %(limit_value)s 个字")},
    )


class PhotoForm(forms.Form):
    # A plain file field: Django's ImageField would decode the image once more before ours does.
    photo = forms.FileField(
        label=_("实现照片"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        error_messages={"required": _("请上传心愿实现的照片")},
    )

    def clean_photo(self):
        return uploads.clean_image(self.cleaned_data["photo"])


class EvaluateForm(forms.Form):
    stars = forms.TypedChoiceField(
        label=_("评分"),
        coerce=int,
        choices=[(i, "★" * i) for i in range(5, 0, -1)],
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择 1 到 5 星"), "invalid_choice": _("请选择 1 到 5 星")},
    )
    text = forms.CharField(label=_("评价"), max_length=COMMENT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ClaimForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("以单位名义认领"), queryset=None, required=False, empty_label=_("以个人名义认领"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
