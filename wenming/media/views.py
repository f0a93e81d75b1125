from django.shortcuts import render

from wenming.participation import queries as participation
from wenming.participation.forms import CommentForm

from . import queries


def articles(request):
    """Public list of official-account articles."""
    return render(request, "media/articles.html", {"articles": queries.public_articles()})


def article(request, pk: int):
    """One article with the participation comment form, replies and likes (anyone may read)."""
    obj = queries.public_article(pk)
    liked, n_likes = participation.like_state(request.user, obj)
    return render(
        request,
        "media/article.html",
        {
            "item": obj,
            "kind": participation.slug_of(obj),
            "comments": participation.comments_for(obj),
            "liked": liked,
            "n_likes": n_likes,
            "comment_form": CommentForm(),
        },
    )
