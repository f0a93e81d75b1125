"""Factories and small helpers for participation tests."""

import io
from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from wenming.participation.choices import LeadKind, Status
from wenming.participation.models import Comment, Lead, Livestream, Story


def image_upload(name: str = "photo.png", *, fmt: str = "PNG", size=(40, 30), color=(200, 30, 30)) -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, fmt)
    return SimpleUploadedFile(name, buf.getvalue(), content_type=f"image/{fmt.lower()}")


class StoryFactory(factory.django.DjangoModelFactory):
    """A story by a person in a group; ``accepted=True`` for a public one (decided, no event)."""

    class Meta:
        model = Story

    title = factory.Sequence(lambda n: f"好人好事{n}")
    body = "邻居帮助独居老人买菜做饭，坚持了三年。"

    class Params:
        accepted = factory.Trait(status=Status.ACCEPTED, decided_at=factory.LazyFunction(timezone.now))


class LeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lead

    kind = LeadKind.WISH
    title = factory.Sequence(lambda n: f"微心愿{n}")
    body = "希望有一个新书包。"
    beneficiary = "小明"

    class Params:
        accepted = factory.Trait(status=Status.ACCEPTED, decided_at=factory.LazyFunction(timezone.now))


class LivestreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Livestream

    title = factory.Sequence(lambda n: f"道德讲堂直播{n}")
    planned_start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=2))
    place = "文化中心"
    link = "https://live.example.org/1"


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    body = "说得真好，向他学习！"
