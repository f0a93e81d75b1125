from django.urls import path

from . import views

app_name = "participation"
urlpatterns = [
    path("", views.feed, name="feed"),
    path("story/new/", views.story_new, name="story_new"),
    path("lead/new/", views.lead_new, name="lead_new"),
    path("me/", views.me, name="me"),
    path("s/<slug:token>/", views.share_open, name="share_open"),
    path("wish/<int:pk>/claim/", views.claim, name="claim"),
    path("claim/<int:pk>/release/", views.release, name="release"),
    path("claim/<int:pk>/fulfil/", views.fulfil, name="fulfil"),
    path("claim/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("claim/<int:pk>/evaluate/", views.evaluate, name="evaluate"),
    path("live/", views.livestreams, name="livestreams"),
    path("live/new/", views.livestream_new, name="livestream_new"),
    path("live/undeclared/", views.livestream_undeclared, name="livestream_undeclared"),
    path("live/<int:pk>/held/", views.livestream_held, name="livestream_held"),
    path("live/<int:pk>/clicks/", views.livestream_clicks, name="livestream_clicks"),
    path("console/queue/", views.queue, name="queue"),
    path("console/queue/bulk/", views.bulk_accept, name="bulk_accept"),
    path("console/queue/<slug:kind>/<int:pk>/<str:decision>/", views.decide, name="decide"),
    path("console/item/<slug:kind>/<int:pk>/", views.console_item, name="console_item"),
    path("console/comments/", views.comment_review, name="comment_review"),
    path("console/comments/<int:pk>/", views.comment_validity, name="comment_validity"),
    path("console/flags/", views.flagged, name="flagged"),
    path("console/flags/<slug:kind>/<int:pk>/", views.flag_review, name="flag_review"),
    path("console/counts/", views.counts, name="counts"),
    path("<slug:kind>/<int:pk>/", views.item, name="item"),
    path("<slug:kind>/<int:pk>/like/", views.like, name="like"),
    path("<slug:kind>/<int:pk>/comment/", views.comment, name="comment"),
    path("<slug:kind>/<int:pk>/flag/", views.flag, name="flag"),
    path("<slug:kind>/<int:pk>/share/", views.share, name="share"),
]
