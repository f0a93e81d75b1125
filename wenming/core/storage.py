"""Storages whose ``url()`` is a signed /files/ link (wenming.core.files), so that every ``.url`` (the
admin's file widgets included) goes through the same checks as the ``file_url`` filter.

``FileSystemStorage`` is the default; ``S3Storage`` (django-storages, boto3) is chosen by
``WENMING_STORAGE=s3`` and imported only then.
"""

from django.core.files import storage


class SignedURLs:
    def url(self, name):
        from .files import signed_url

        return signed_url(name) if name else ""


class FileSystemStorage(SignedURLs, storage.FileSystemStorage):
    pass
