from django import template

register = template.Library()


@register.simple_tag
def shown_mobile(member, reveal) -> str:
    """The whole mobile for the member's own office and the member; masked for everyone else."""
    return member.mobile if reveal(member) else member.masked_mobile


@register.simple_tag
def percent(value) -> str:
    """A 0..1 share as a percentage with one decimal; "—" when nothing was due."""
    if value is None:
        return "—"
    return f"{value * 100:.1f}%"
