from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wenming.core.periods import to_local

from .choices import LEVEL_RANK, Level, SectionKind
from .models import Briefing


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".docx,.pdf,.jpg,.jpeg,.png,.gif,.webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ManuscriptForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("投稿单位"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 10}), required=False,
                           help_text=_("可直接粘贴排好版的文字；不安全的内容会被去掉"))
    author = forms.CharField(label=_("作者"), max_length=100, required=False)
    checked_by = forms.CharField(label=_("审核人"), max_length=100, required=False)
    contact = forms.CharField(label=_("联系方式"), max_length=100, required=False)
    wanted_section = forms.CharField(label=_("拟投栏目"), max_length=50, required=False, initial=_("工作交流"))
    files = MultipleFileField(label=_("图片或附件"), required=False,
                              help_text=_("支持 Word（.docx）、PDF 和图片，每个不超过 10MB"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class BriefingForm(forms.ModelForm):
    class Meta:
        model = Briefing
        fields = ["title", "year", "number", "date", "issuer", "level", "report_to", "send_to", "document_number",
                  "print_run"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "report_to": forms.Textarea(attrs={"rows": 2}),
            "send_to": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"report_to": _("每行一个"), "send_to": _("每行一个"), "document_number": _("如：苏简字1004号")}

    def _post_clean(self):
        # The actions refuse a number already used (and the other constraints) in the office's own
        # words, inside their transaction; the form only checks the fields.
        from django.forms.models import construct_instance

        try:
            self.instance = construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)
            self.instance.full_clean(exclude=self._get_validation_exclusions(), validate_unique=False,
                                     validate_constraints=False)
        except forms.ValidationError as e:
            self._update_errors(e)


def new_briefing_initial() -> dict:
    today = to_local(timezone.now()).date()
    latest = Briefing.objects.filter(year=today.year).order_by("-number").first()
    return {"year": today.year, "number": (latest.number + 1) if latest else 1, "date": today,
            "title": "江苏精神文明建设简报", "issuer": "江苏省文明办", "level": Level.PROVINCIAL}


class AdoptForm(forms.Form):
    section = forms.ModelChoiceField(label=_("录用到"), queryset=None, empty_label=None)

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections
        self.fields["section"].label_from_instance = lambda s: f"{s.briefing} · {s.title}"


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("未录用原因（投稿人可见）"), widget=forms.Textarea(attrs={"rows": 3}))


class HigherLevelForm(forms.Form):
    level = forms.ChoiceField(label=_("采用级别"), choices=[(v, label) for v, label in Level.choices if LEVEL_RANK[v] > 2])
    outlet = forms.CharField(label=_("采用单位（刊物或媒体）"), max_length=100)
    on = forms.DateField(label=_("采用日期"), widget=forms.DateInput(attrs={"type": "date"}))


class SectionForm(forms.Form):
    title = forms.CharField(label=_("栏目名称"), max_length=50)
    kind = forms.ChoiceField(label=_("类型"), choices=SectionKind.choices, initial=SectionKind.ARTICLES)


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, required=False)

    def chosen_year(self) -> int:
        if self.is_valid() and self.cleaned_data.get("year"):
            return self.cleaned_data["year"]
        return to_local(timezone.now()).year


