"""Form fields shared by every app."""

from django import forms
from django.core.exceptions import ValidationError

from wenming.core.params import id_param


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, but a value no 64-bit id can be is an invalid choice rather than a crash.

    Django checks ``pk__in`` against the database as it is, and a 30-digit "id" makes the driver
    raise (SQLite: OverflowError; PostgreSQL: numeric value out of range) instead of matching nothing.
    """

    def _check_values(self, value):
        if (self.to_field_name or "pk") == "pk":
            for pk in value:
                text = str(pk).strip()
                if text.isdigit() and id_param(text) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)
