"""Citizens comment on and like articles through participation; valid comments earn points."""

from decimal import Decimal

import pytest
from django.urls import reverse

from wenming.assessment.schemes import load_scheme
from wenming.journal.models import DomainEvent
from wenming.participation import actions
from wenming.participation.models import Comment, Like
from wenming.points import queries as points

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_valid_comment_records_an_event_and_earns_a_tenth_of_a_point(personas):
    load_scheme("liyang-2017")
    article = ArticleFactory(unit=personas.town)
    comment = actions.post_comment(personas.citizen, article, "这篇文章写得真好")
    assert comment.valid and comment.target == article
    event = DomainEvent.objects.get(type="comment_valid", person=personas.citizen)
    assert event.data == {"comment": comment.pk}
    assert points.person_total(personas.citizen) == Decimal("0.1")


def test_a_like_on_an_article_toggles(personas):
    article = ArticleFactory(unit=personas.town)
    assert actions.toggle_like(personas.citizen, article) is True
    assert Like.objects.filter(object_id=article.pk, removed_at__isnull=True).count() == 1
    assert actions.toggle_like(personas.citizen, article) is False
    assert not Like.objects.filter(object_id=article.pk, removed_at__isnull=True).exists()


def test_comment_and_like_through_the_pages_return_to_the_article(client, personas):
    article = ArticleFactory(unit=personas.town)
    client.force_login(personas.citizen)
    page = article.get_absolute_url()
    response = client.post(reverse("participation:comment", args=["article", article.pk]), {"body": "学习了，很受启发", "next": page})
    assert response.status_code == 302 and response["Location"] == page
    response = client.post(reverse("participation:like", args=["article", article.pk]), {"next": page})
    assert response["Location"] == page
    html = client.get(page).content.decode()
    assert "学习了，很受启发" in html and "已赞" in html
    assert Comment.objects.get().author == personas.citizen


def test_a_hidden_article_refuses_comments_and_has_no_page(client, personas):
    article = ArticleFactory(unit=personas.town, hidden=True)
    client.force_login(personas.citizen)
    client.post(reverse("participation:comment", args=["article", article.pk]), {"body": "学习了，很受启发"})
    assert not Comment.objects.exists()
    assert client.get(article.get_absolute_url()).status_code == 404
