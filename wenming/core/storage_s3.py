"""S3-compatible storage with signed /files/ links (see wenming.core.storage)."""

from storages.backends.s3 import S3Storage as BaseS3Storage

from .storage import SignedURLs


class S3Storage(SignedURLs, BaseS3Storage):
    pass
