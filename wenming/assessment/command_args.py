"""Argument checks shared by the operator commands that take ``--scheme`` and ``--month``.

One message for each mistake, whichever command made it (assess, bulletin, points, explain).
"""

from django.core.management.base import CommandError

from wenming.core.periods import Month

from .models import Scheme


def scheme_arg(slug: str) -> Scheme:
    scheme = Scheme.objects.filter(slug=slug).first()
    if scheme is None:
        raise CommandError(f"没有方案 {slug!r}（先运行 wenming load-scheme {slug}）")
    return scheme


def month_arg(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
