import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of a test land in its own directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
