"""Factories for media tests."""

import factory
from django.utils import timezone

from wenming.media.models import Article


class ArticleFactory(factory.django.DjangoModelFactory):
    """An article row as a sync would mirror it (tests of pages and participation)."""

    class Meta:
        model = Article

    external_id = factory.Sequence(lambda n: f"art-{n}")
    position = 1
    published_at = factory.LazyFunction(timezone.now)
    title = factory.Sequence(lambda n: f"文明溧阳第{n}期")
