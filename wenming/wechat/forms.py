from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from .choices import ReplyKind, ReplySlot, ShareChannel
from .models import KeywordReply


class KeywordReplyForm(forms.ModelForm):
    class Meta:
        model = KeywordReply
        fields = ["keyword", "kind", "text", "link", "is_active"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"link": _("以 https:// 开头的网址，或本站路径（如 /netcivility/survey/）")}

    def clean_keyword(self):
        keyword = self.cleaned_data["keyword"].strip()
        if not keyword:
            raise forms.ValidationError(_("请填写关键词"))
        return keyword

    def clean_link(self):
        link = self.cleaned_data.get("link", "").strip()
        if not link:
            return link
        if link.startswith("/") and not link.startswith("//"):
            return link
        try:
            URLValidator(schemes=["https", "http"])(link)
        except forms.ValidationError:
            raise forms.ValidationError(_("链接须为 http(s) 网址或以 / 开头的本站路径")) from None
        return link

    def clean(self):
        data = super().clean()
        if data.get("kind") == ReplyKind.LINK and not data.get("link"):
            self.add_error("link", _("链接类回复须填写链接"))
        if data.get("kind") == ReplyKind.TEXT and data.get("link"):
            self.add_error("link", _("文字类回复不带链接；如需链接请选择“链接”类型"))
        return data


class ReplyTextForm(forms.Form):
    slot = forms.ChoiceField(label=_("位置"), choices=ReplySlot.choices, widget=forms.HiddenInput)
    text = forms.CharField(label=_("回复文字"), max_length=600, widget=forms.Textarea(attrs={"rows": 3}))


class ShareForm(forms.Form):
    token = forms.CharField(max_length=500)
    channel = forms.ChoiceField(choices=ShareChannel.choices)
