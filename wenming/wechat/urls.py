from django.urls import path

from . import views

app_name = "wechat"
urlpatterns = [
    path("callback", views.callback, name="callback"),
    path("oauth/start/", views.oauth_start, name="oauth_start"),
    path("oauth/callback/", views.oauth_callback, name="oauth_callback"),
    path("share/", views.share, name="share"),
    path("console/", views.console, name="console"),
    path("console/keywords/new/", views.keyword_edit, name="keyword_new"),
    path("console/keywords/<int:pk>/", views.keyword_edit, name="keyword_edit"),
    path("console/keywords/<int:pk>/delete/", views.keyword_delete, name="keyword_delete"),
    path("console/replies/", views.reply_text, name="reply_text"),
]
