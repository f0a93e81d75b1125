"""``{{ story.video|file_url }}``: a signed, expiring link to an uploaded file (wenming.core.files).

``{{ evidence.file|file_url:evidence.name }}`` downloads under the name the person gave.
"""

from django import template

from wenming.core.files import signed_url

register = template.Library()


@register.filter
def file_url(field_file, download_name: str = "") -> str:
    name = getattr(field_file, "name", field_file) or ""
    if not name:
        return ""
    return signed_url(str(name), download_name=str(download_name or ""))
