from django.urls import path

from . import views

app_name = "media"
urlpatterns = [
    path("articles/", views.articles, name="articles"),
    path("articles/<int:pk>/", views.article, name="article"),
]
