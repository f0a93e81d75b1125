from django import template

register = template.Library()


@register.filter
def model_label(obj) -> str:
    """The Chinese name of an item's kind (i分享, i牵手, i直播, 评论)."""
    return str(obj._meta.verbose_name)
