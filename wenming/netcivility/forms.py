from django import forms
from django.utils.translation import gettext_lazy as _

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
