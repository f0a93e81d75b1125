"""A voter confirms their phone to become verified."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import actions, forms


@login_required
def phone(request):
    phone_form = forms.PhoneForm(prefix="p")
    code_form = forms.CodeForm(prefix="c")
    if request.method == "POST":
        if "p-phone" in request.POST:
            phone_form = forms.PhoneForm(request.POST, prefix="p")
            if phone_form.is_valid():
                try:
                    note = actions.request_phone_code(request.user, phone_form.cleaned_data["phone"])
                    messages.info(request, note)
                    return redirect("honors:phone")
                except ValidationError as exc:
                    phone_form.add_error("phone", exc)
                except ImproperlyConfigured as exc:  # no SMS sender in production: say so, change nothing
                    phone_form.add_error(None, str(exc))
        else:
            code_form = forms.CodeForm(request.POST, prefix="c")
            if code_form.is_valid():
                try:
                    actions.confirm_phone_code(request.user, code_form.cleaned_data["code"])
                    messages.success(request, _("手机号已验证，现在可以投票了。"))
                    return redirect(request.GET.get("next") or "honors:campaigns")
                except ValidationError as exc:
                    code_form.add_error("code", exc)
    return render(request, "honors/phone.html", {"phone_form": phone_form, "code_form": code_form})
