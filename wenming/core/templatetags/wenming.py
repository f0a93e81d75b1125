from django import template

from wenming.core.numbers import plain

register = template.Library()


@register.filter
def points(value):
    """Render a Decimal amount without trailing zeros: 0.50 → 0.5."""
    return plain(value)
