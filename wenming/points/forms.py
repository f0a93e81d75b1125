from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _


class AdjustmentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("调整分值"), max_digits=10, decimal_places=2, min_value=Decimal("-10000"), max_value=Decimal("10000"),
        help_text=_("正数加分，负数扣分"),
    )
    reason = forms.CharField(label=_("原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount == 0:
            raise forms.ValidationError(_("调整分值不能为零"))
        return amount

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("请填写调整原因"))
        return reason


class PeriodForm(forms.Form):
    """?month=YYYY-MM or ?year=YYYY for rankings and breakdowns."""

    month = forms.RegexField(label=_("月份"), regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, required=False)
