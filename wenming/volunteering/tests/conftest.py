from .factories import world  # noqa: F401 (fixture)
