from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wenming.core.periods import SHANGHAI, Month
from wenming.core.uploads import check_document

from .choices import COUNTED_STANDARDS
from .models import Item


class MonthField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return Month.parse(value)
        except ValueError:
            raise forms.ValidationError(_("月份格式应为 YYYY-MM")) from None


class BulletinForm(forms.Form):
    scheme = forms.SlugField(label=_("方案"))
    # Empty means the month that just ended (the usual bulletin).
    month = MonthField(label=_("月份"), required=False)

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month and month > Month.of(timezone.now()):
            raise forms.ValidationError(_("不能选择将来的月份"))
        return month


class MaterialForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=None, empty_label=None)
    item = forms.ModelChoiceField(label=_("考核项目"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("标题"), max_length=200)
    reported_on = forms.DateField(label=_("上报日期"), widget=forms.DateInput(attrs={"type": "date"}))
    file = forms.FileField(label=_("附件"), required=False)
    author = forms.CharField(label=_("作者"), max_length=50)
    checked_by = forms.CharField(label=_("审核把关人"), max_length=50)
    contact = forms.CharField(label=_("联系方式"), max_length=100)
    has_seal = forms.BooleanField(label=_("已加盖单位公章"), required=False)
    has_signature = forms.BooleanField(label=_("主要负责人已签字"), required=False)

    def __init__(self, *args, scheme, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["item"].queryset = Item.objects.filter(scheme=scheme).order_by("number")
        self.fields["item"].label_from_instance = lambda i: f"{i.number}. {i.title}（{i.points.normalize():f}分）"

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        return check_document(upload) if upload else upload

    def clean_reported_on(self):
        day = self.cleaned_data["reported_on"]
        if day > timezone.localdate(timezone.now(), SHANGHAI):
            raise forms.ValidationError(_("上报日期不能晚于今天"))
        return day

    def clean(self):
        data = super().clean()
        item = data.get("item")
        if item is not None and item.needs_seal and not (data.get("has_seal") and data.get("has_signature")):
            self.add_error("has_seal", _("此项材料需加盖单位公章并由主要负责人签字"))
        return data

    @property
    def reported_at(self) -> datetime:
        day = self.cleaned_data["reported_on"]
        now = timezone.now().astimezone(SHANGHAI)
        # Today keeps the current time; a past day is recorded at noon, well inside that day.
        return now if day == now.date() else datetime.combine(day, time(12, 0), tzinfo=SHANGHAI)


class QualityScoreForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=None, empty_label=None)
    item = forms.ModelChoiceField(label=_("考核项目"), queryset=None, empty_label=None)
    year = forms.IntegerField(label=_("年度"), min_value=2000)
    score = forms.DecimalField(label=_("得分"), min_value=0, max_digits=6, decimal_places=2)
    comment = forms.CharField(label=_("评语"), max_length=200, required=False)

    def __init__(self, *args, scheme, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        scored = [i.pk for i in Item.objects.filter(scheme=scheme) if i.quality_scored or i.standard not in COUNTED_STANDARDS]
        self.fields["item"].queryset = Item.objects.filter(pk__in=scored).order_by("number")
        self.fields["item"].label_from_instance = lambda i: f"{i.number}. {i.title}（满分{i.points.normalize():f}）"

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > timezone.now().astimezone(SHANGHAI).year:
            raise forms.ValidationError(_("不能为将来的年度评分"))
        return year

    def clean(self):
        data = super().clean()
        item, score = data.get("item"), data.get("score")
        if item is not None and score is not None and score > item.points:
            self.add_error("score", _("得分不能超过该项满分 %(points)s 分") % {"points": f"{item.points.normalize():f}"})
        return data
