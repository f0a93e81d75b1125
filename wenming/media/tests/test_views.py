"""The public article list and detail pages."""

import pytest
from django.urls import reverse

from wenming.participation import actions

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_list_shows_articles_with_counts_in_bounded_queries(client, personas, django_assert_max_num_queries):
    articles = ArticleFactory.create_batch(12, unit=personas.town)
    actions.post_comment(personas.citizen, articles[0], "很受教育的一篇文章")
    actions.toggle_like(personas.citizen2, articles[0])
    ArticleFactory(unit=personas.town, hidden=True, title="被隐藏的文章")
    # One query: the articles with their unit and comment/like counts as subqueries.
    with django_assert_max_num_queries(1):
        response = client.get(reverse("media:articles"))
    html = response.content.decode()
    assert response.status_code == 200
    assert all(a.title in html for a in articles)
    assert "被隐藏的文章" not in html
    assert "评论 1 · 点赞 1" in html


def test_titles_and_comments_are_escaped(client, personas):
    article = ArticleFactory(unit=personas.town, title="<script>alert(1)</script>", url="javascript:alert(2)")
    actions.post_comment(personas.citizen, article, "<img src=x onerror=alert(3)>好文章")
    list_html = client.get(reverse("media:articles")).content.decode()
    assert "<script>alert(1)" not in list_html and "&lt;script&gt;alert(1)&lt;/script&gt;" in list_html
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(3)&gt;" in html
    assert "javascript:alert(2)" not in html


def test_detail_shows_stats_and_asks_visitors_to_log_in(client, personas):
    article = ArticleFactory(unit=personas.town, reads_72h=12000, likes=120, url="https://mp.example/a")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "12000" in html and 'href="https://mp.example/a"' in html
    assert "登录后评论" in html and 'id="comment-form"' not in html


def test_home_has_the_articles_tile(client, personas):
    client.force_login(personas.citizen)
    assert reverse("media:articles") in client.get(reverse("home")).content.decode()
